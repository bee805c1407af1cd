// Tokens of a .spec file, as typescript-parsec's parsers read them. Rules that match anything the language
// does not allow (a stray character, an unterminated string or comment, `&&`-style operators) produce
// tokens of their own kind, so lexing never throws: the parser turns them into located errors. Integers
// beyond Number.MAX_SAFE_INTEGER (2^53 - 1), which doubles cannot all represent, are refused here.

import type { Token } from 'typescript-parsec';
import type { Loc } from './ast.ts';
import { diag, type Diagnostic } from './diagnostics.ts';

export enum TK {
  Space,
  Comment,
  Int,
  Ident,
  Keyword,
  Str,
  Path,
  Op,
  /** Operators borrowed from other languages (`==`, `&&`, `||`, `!`): lexed only to explain them. */
  Foreign,
  BadChar,
  BadStr,
  BadComment,
}

/** Words that start an item. They can never appear inside an expression, so they delimit items. */
export const ITEM_KEYWORDS = ['spec', 'model', 'const', 'define', 'faults', 'bound', 'invariant', 'sometimes', 'property', 'fair', 'symmetry'] as const;
/** Words reserved inside expressions. */
export const EXPR_KEYWORDS = ['and', 'or', 'not', 'in', 'notin', 'subset', 'union', 'inter', 'minus', 'if', 'then', 'else', 'forall', 'exists', 'true', 'false', 'always', 'eventually', 'leadsto'] as const;
export const KEYWORDS: ReadonlySet<string> = new Set<string>([...ITEM_KEYWORDS, ...EXPR_KEYWORDS]);

/**
 * The token rules, tried at each position; the longest match wins, the earlier rule on a tie (as
 * typescript-parsec's buildLexer, whose tokens these are). Sticky regular expressions match in place:
 * buildLexer matched every rule against a copy of the rest of the input, several microseconds a token.
 */
const RULES: readonly (readonly [keep: boolean, re: RegExp, kind: TK])[] = [
  [false, /\s+/y, TK.Space],
  [false, /\/\/[^\n]*/y, TK.Comment],
  [false, /\/\*[\s\S]*?\*\//y, TK.Comment],
  [true, /\/\*(?![\s\S]*?\*\/)[\s\S]*/y, TK.BadComment],
  [true, /\d+/y, TK.Int],
  [true, /[A-Za-z_][A-Za-z0-9_]*/y, TK.Ident],
  [true, /"(?:[^"\\\n]|\\.)*"/y, TK.Str],
  [true, /"(?:[^"\\\n]|\\.)*/y, TK.BadStr],
  [true, /\.\.?\/[A-Za-z0-9_.\/-]*/y, TK.Path],
  [true, /(?:<=>|=>|<=|>=|!=|\.\.|[=<>+\-*\/%(){}\[\],:.])/y, TK.Op],
  [true, /(?:==|&&|\|\||!|\|)/y, TK.Foreign],
  [true, /[\s\S]/y, TK.BadChar],
];

/** Which rules can match at a character below 128 (by its first character): most positions try two or three. */
const FIRST: readonly RegExp[] = [/\s/, /\//, /\//, /\//, /\d/, /[A-Za-z_]/, /"/, /"/, /\./, /[<=>!.+\-*\/%(){}[\],:]/, /[=&|!]/, /[\s\S]/];
const CANDIDATES: readonly (readonly number[])[] = Array.from({ length: 128 }, (_, c) => FIRST.flatMap((re, r) => (re.test(String.fromCharCode(c)) ? [r] : [])));
/** Beyond ASCII only Unicode spaces and stray characters. */
const OTHER = [0, RULES.length - 1];

export type Tok = Token<TK>;

export const locOf = (t: Tok): Loc => ({ line: t.pos.rowBegin, col: t.pos.columnBegin, len: t.text.length });

const FOREIGN: Record<string, string> = { '==': "'='", '&&': "'and'", '||': "'or'", '!': "'not'", '|': "':' (set comprehension: {x in S : p}, {e : x in S})" };

const SUBSTITUTE: Record<string, [TK, string]> = { '==': [TK.Op, '='], '&&': [TK.Keyword, 'and'], '||': [TK.Keyword, 'or'], '!': [TK.Keyword, 'not'], '|': [TK.Op, ':'] };

/** Every kept token, keywords marked, bad ones reported (and dropped). Tokens are not linked yet (see `link`). */
export function tokenize(source: string): { tokens: Tok[]; diagnostics: Diagnostic[] } {
  const tokens: Tok[] = [];
  const diagnostics: Diagnostic[] = [];
  let index = 0;
  let row = 1;
  let col = 1;
  let badRun: { d: Diagnostic; text: string; end: number } | undefined;
  while (index < source.length) {
    const code = source.charCodeAt(index);
    const candidates = code < 128 ? CANDIDATES[code] : OTHER;
    let best = RULES.length - 1;
    let len = 0;
    for (let k = 0; k < candidates.length; k++) {
      const r = candidates[k];
      const re = RULES[r][1];
      re.lastIndex = index;
      if (re.test(source) && re.lastIndex - index > len) {
        len = re.lastIndex - index;
        best = r;
      }
    }
    // Rows and columns as buildLexer counts them: one column per code point, '\r' none, '\n' a new row.
    let rowEnd = row;
    let colEnd = col;
    for (let i = index; i < index + len; i++) {
      const c = source.charCodeAt(i);
      if (c === 10) {
        rowEnd++;
        colEnd = 1;
      } else if (c !== 13 && !(c >= 0xdc00 && c <= 0xdfff && i > index && isHighSurrogate(source.charCodeAt(i - 1)))) colEnd++;
    }
    const [keep, , kind] = RULES[best];
    const pos = { index, rowBegin: row, columnBegin: col, rowEnd, columnEnd: colEnd };
    const start = index;
    index += len;
    row = rowEnd;
    col = colEnd;
    if (!keep) continue;
    const t: Tok = { kind, text: source.slice(start, start + len), pos, next: undefined };
    const loc = locOf(t);
    switch (t.kind) {
      case TK.BadChar: {
        // A run of stray characters on one line is one mistake, one error (a binary file is not a million).
        const prev = diagnostics[diagnostics.length - 1];
        if (badRun && prev === badRun.d && badRun.end === t.pos.index && t.pos.rowBegin === prev.line) {
          // Only the first 20 characters are quoted (and kept: the run may be a megabyte long).
          const more = badRun.text.length >= 20;
          if (!more) badRun.text += t.text;
          badRun.end += t.text.length;
          badRun.d = diag({ line: prev.line, col: prev.col, len: prev.len + 1 }, `unexpected characters ${JSON.stringify(badRun.text)}${more ? '...' : ''}`, prev.hint);
          diagnostics[diagnostics.length - 1] = badRun.d;
          continue;
        }
        const d = diag(loc, `unexpected character ${JSON.stringify(t.text)}`, 'expected a name, a number, a string, an operator or a bracket');
        diagnostics.push(d);
        badRun = { d, text: t.text, end: t.pos.index + t.text.length };
        continue;
      }
      case TK.BadStr:
        diagnostics.push(diag({ ...loc, len: 1 }, 'unterminated string', 'close it with " on the same line'));
        tokens.push({ kind: TK.Str, text: t.text + '"', pos: t.pos, next: undefined }); // parse on as if closed
        continue;
      case TK.BadComment:
        diagnostics.push(diag({ ...loc, len: 2 }, "unterminated comment: '/*' has no matching '*/'"));
        continue;
      case TK.Foreign: {
        diagnostics.push(diag(loc, `'${t.text}' is not an operator of the spec language`, `write ${FOREIGN[t.text]}`));
        // Parse on as if the right operator had been written, so one slip gives one error.
        const [kind, text] = SUBSTITUTE[t.text];
        tokens.push({ kind, text, pos: t.pos, next: undefined });
        continue;
      }
      case TK.Ident:
        tokens.push(KEYWORDS.has(t.text) ? { ...t, kind: TK.Keyword, next: undefined } : t);
        continue;
      case TK.Int:
        if (!isSafeIntText(t.text)) {
          diagnostics.push(diag(loc, `integer ${t.text.length > 30 ? `${t.text.slice(0, 12)}...${t.text.slice(-6)} (${t.text.length} digits)` : t.text} is too large: integers must lie in -${Number.MAX_SAFE_INTEGER}..${Number.MAX_SAFE_INTEGER}`, 'beyond 2^53 - 1, integers are not represented exactly'));
        }
        tokens.push(t); // parse on: the item's other mistakes are reported too
        continue;
      default:
        tokens.push(t);
    }
  }
  return { tokens, diagnostics };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** Digits whose value is at most Number.MAX_SAFE_INTEGER (compared as text: `Number()` would round). */
function isSafeIntText(digits: string): boolean {
  if (digits.length < 16) return true;
  const d = digits.replace(/^0+(?=\d)/, '');
  const max = String(Number.MAX_SAFE_INTEGER);
  return d.length < max.length || (d.length === max.length && d <= max);
}

/**
 * Links a slice of tokens into the list typescript-parsec parses (the last one ends the input), in place:
 * the tokens are tokenize's own objects, each in one slice.
 */
export function link(tokens: readonly Tok[]): Tok | undefined {
  for (let i = 0; i < tokens.length; i++) (tokens[i] as { next: Tok | undefined }).next = tokens[i + 1];
  return tokens[0];
}

export function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => {
    if (c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
    return c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c === 'b' ? '\b' : c === 'f' ? '\f' : c;
  });
}
