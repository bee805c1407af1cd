// A message label as an id the cost engine can match a later step's `received` against: its type and
// fields, in order (`2a(b=1,v=2)`). Labels of one model print one message the same way wherever it appears.

import type { MessageLabel } from '../../checker/index.ts';

export const labelId = (m: MessageLabel): string =>
  `${m.type}(${Object.entries(m)
    .filter(([k]) => k !== 'type')
    .map(([k, v]) => `${k}=${v}`)
    .join(',')})`;
