// Parsing numeric command-line options into typed values with clear errors.

import { ClabError } from '../errors.ts';

export function intOption(flag: string, text: string | undefined, min = 0): number | undefined {
  if (text === undefined) return undefined;
  const t = text.replace(/_/g, '');
  if (!/^\d+$/.test(t) || Number(t) < min) throw new ClabError(`${flag} expects an integer >= ${min}, got '${text}'`);
  return Number(t);
}

export function secondsOption(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) throw new ClabError(`${flag} expects a positive number of seconds (e.g. 30, 2.5, 5m), got '${text}'`);
  return Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
}
