// Tokens of a .spec file, built with typescript-parsec's lexer. Rules that match anything the language
// does not allow (a stray character, an unterminated string or comment, `&&`-style operators) produce
// tokens of their own kind, so lexing never throws: the parser turns them into located errors.

import { buildLexer, type Token } from 'typescript-parsec';
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

const lexer = buildLexer<TK>([
  [false, /^\s+/g, TK.Space],
  [false, /^\/\/[^\n]*/g, TK.Comment],
  [false, /^\/\*[\s\S]*?\*\//g, TK.Comment],
  [true, /^\/\*(?![\s\S]*?\*\/)[\s\S]*/g, TK.BadComment],
  [true, /^\d+/g, TK.Int],
  [true, /^[A-Za-z_][A-Za-z0-9_]*/g, TK.Ident],
  [true, /^"(?:[^"\\\n]|\\.)*"/g, TK.Str],
  [true, /^"(?:[^"\\\n]|\\.)*/g, TK.BadStr],
  [true, /^\.\.?\/[A-Za-z0-9_.\/-]*/g, TK.Path],
  [true, /^(?:<=>|=>|<=|>=|!=|\.\.|[=<>+\-*\/%(){}\[\],:.])/g, TK.Op],
  [true, /^(?:==|&&|\|\||!|\|)/g, TK.Foreign],
  [true, /^[\s\S]/g, TK.BadChar],
]);

export type Tok = Token<TK>;

export const locOf = (t: Tok): Loc => ({ line: t.pos.rowBegin, col: t.pos.columnBegin, len: t.text.length });

const FOREIGN: Record<string, string> = { '==': "'='", '&&': "'and'", '||': "'or'", '!': "'not'", '|': "':' (set comprehension: {x in S : p}, {e : x in S})" };

const SUBSTITUTE: Record<string, [TK, string]> = { '==': [TK.Op, '='], '&&': [TK.Keyword, 'and'], '||': [TK.Keyword, 'or'], '!': [TK.Keyword, 'not'], '|': [TK.Op, ':'] };

/** Every kept token, keywords marked, bad ones reported (and dropped). */
export function tokenize(source: string): { tokens: Tok[]; diagnostics: Diagnostic[] } {
  const tokens: Tok[] = [];
  const diagnostics: Diagnostic[] = [];
  for (let t = lexer.parse(source); t; t = t.next) {
    const loc = locOf(t);
    switch (t.kind) {
      case TK.BadChar:
        diagnostics.push(diag(loc, `unexpected character ${JSON.stringify(t.text)}`, 'expected a name, a number, a string, an operator or a bracket'));
        continue;
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
      default:
        tokens.push(t);
    }
  }
  return { tokens, diagnostics };
}

/** Links a slice of tokens into the list typescript-parsec parses (the last one ends the input). */
export function link(tokens: readonly Tok[]): Tok | undefined {
  let next: Tok | undefined;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    next = { kind: t.kind, text: t.text, pos: t.pos, next };
  }
  return next;
}

export function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => {
    if (c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
    return c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c === 'b' ? '\b' : c === 'f' ? '\f' : c;
  });
}
