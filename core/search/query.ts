/**
 * The library search's query language, parsed into a small AST:
 *   words  "exact phrase"  prefix*  -exclude  a OR b
 *   kind:quote  speaker:"Bill de Blasio"  tag:name  verdict:false  site:nytimes.com  lang:en  collection:name
 *   captured:2026-11  published:>2017-01-01  has:claim   (-filter excludes; a,b means either)
 * Parsing never throws: a malformed query is a value with a message a person can act on.
 * Words are folded (fold.ts) and always reach FTS5 as quoted strings, so nothing a person
 * types is read as FTS5 syntax.
 */
import { fold, tokensOf } from './fold.js';

export const MAX_QUERY_LENGTH = 2000;
export const MAX_TERMS = 64;

export const KINDS = ['quote', 'claim', 'figure', 'note'] as const;
export const VERDICTS = ['unverified', 'supported', 'disputed', 'false', 'misleading', 'unsupported'] as const;
export const HAS = ['quote', 'claim', 'figure', 'note', 'annotation', 'comment', 'tag', 'verdict', 'speaker'] as const;
export const FILTERS = ['kind', 'speaker', 'tag', 'verdict', 'site', 'lang', 'collection', 'captured', 'published', 'has'] as const;
export type FilterName = (typeof FILTERS)[number];
export type Comparison = '=' | '>' | '>=' | '<' | '<=';

/** A word (`prefix` when typed with a trailing *) or a quoted phrase, folded. */
export interface Term {
  kind: 'word' | 'phrase';
  /** As typed, for messages. */
  raw: string;
  /** Folded tokens (a word like "they're" has two); never empty. */
  tokens: string[];
  prefix: boolean;
}

/** Terms joined by OR (one term: a plain required word). */
export interface Clause {
  any: Term[];
  negated: boolean;
}

export interface DateBound {
  op: Comparison;
  /** Inclusive lower and exclusive upper bound as ISO prefixes ("2017-01-01", "2017-02"). */
  from: string | null;
  to: string | null;
}

export type Filter =
  | { name: 'kind'; negated: boolean; values: (typeof KINDS)[number][] }
  | { name: 'verdict'; negated: boolean; values: (typeof VERDICTS)[number][] }
  | { name: 'has'; negated: boolean; values: (typeof HAS)[number][] }
  | { name: 'speaker' | 'tag' | 'site' | 'lang' | 'collection'; negated: boolean; values: string[] }
  | { name: 'captured' | 'published'; negated: boolean; values: DateBound[] };

export interface Query {
  clauses: Clause[];
  filters: Filter[];
}

export type ParseResult = { ok: true; query: Query } | { ok: false; message: string };

const FILTER_LIST = FILTERS.map((f) => `${f}:`).join(', ');
const OPEN_QUOTES = /[“”„‟«»″＂]/g;
// Control characters (tabs and new lines included) are white space to the parser.
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const SPACE = /\s/;
const FILTER_NAME = /^[A-Za-z]+$/;

const excerpt = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);
const fail = (message: string): ParseResult => ({ ok: false, message });

interface Token {
  type: 'term' | 'or' | 'filter';
  negated: boolean;
  term?: Term | null;
  filter?: Filter;
  raw: string;
}

class ParseError {
  constructor(readonly message: string) {}
}

/** Parses a query; never throws. */
export function parseQuery(input: unknown): ParseResult {
  if (typeof input !== 'string') return fail('The query must be text.');
  if (input.length > MAX_QUERY_LENGTH) {
    return fail(
      `The query is too long (${input.length.toLocaleString('en')} characters; at most ${MAX_QUERY_LENGTH.toLocaleString('en')}). Search for fewer words at a time.`,
    );
  }
  try {
    return { ok: true, query: build(lex(input.replace(CONTROL, ' ').replace(OPEN_QUOTES, '"'))) };
  } catch (e) {
    if (e instanceof ParseError) return fail(e.message);
    throw e;
  }
}

function lex(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const readQuoted = (from: number): { text: string; end: number } => {
    const close = s.indexOf('"', from + 1);
    if (close < 0) throw new ParseError(`Unclosed quote after "${excerpt(s.slice(from + 1).trim())}": add the closing " or remove the opening one.`);
    return { text: s.slice(from + 1, close), end: close + 1 };
  };
  const readBare = (from: number): { text: string; end: number } => {
    let end = from;
    while (end < s.length && !SPACE.test(s[end]!) && s[end] !== '"') end++;
    return { text: s.slice(from, end), end };
  };
  while (i < s.length) {
    const c = s[i]!;
    if (SPACE.test(c) || c === '(' || c === ')') {
      i++;
      continue;
    }
    let negated = false;
    let at = i;
    if (c === '-') {
      // A lone dash (as in "Smith - Jones") excludes nothing.
      if (i + 1 >= s.length || SPACE.test(s[i + 1]!)) {
        i++;
        continue;
      }
      negated = true;
      at = i + 1;
    }
    if (s[at] === '"') {
      const q = readQuoted(at);
      out.push({ type: 'term', negated, raw: s.slice(i, q.end), term: phrase(q.text, s[q.end] === '*') });
      i = q.end + (s[q.end] === '*' ? 1 : 0);
      continue;
    }
    const bare = readBare(at);
    const colon = bare.text.indexOf(':');
    const name = colon > 0 ? bare.text.slice(0, colon) : '';
    if (colon > 0 && FILTER_NAME.test(name) && !bare.text.startsWith('//', colon + 1)) {
      const lower = name.toLowerCase() as FilterName;
      if (!(FILTERS as readonly string[]).includes(lower)) {
        throw new ParseError(
          `Unknown filter "${excerpt(name)}:" — filters are ${FILTER_LIST}. To search for the text itself, put it in quotes: "${excerpt(bare.text)}".`,
        );
      }
      let value = bare.text.slice(colon + 1);
      let end = bare.end;
      if (value === '' && s[bare.end] === '"') {
        const q = readQuoted(bare.end);
        value = q.text;
        end = q.end;
        out.push({ type: 'filter', negated, raw: s.slice(i, end), filter: filter(lower, negated, [value]) });
      } else {
        out.push({ type: 'filter', negated, raw: s.slice(i, end), filter: filter(lower, negated, value.split(',')) });
      }
      i = end;
      continue;
    }
    if (bare.text === 'OR' && !negated) out.push({ type: 'or', negated: false, raw: 'OR' });
    else {
      const term = word(bare.text);
      if (term) out.push({ type: 'term', negated, raw: s.slice(i, bare.end), term });
    }
    i = bare.end;
  }
  return out;
}

function word(text: string): Term | null {
  const prefix = text.endsWith('*');
  const tokens = tokensOf(fold(text.replace(/\*+$/, '')));
  if (!tokens.length) return null;
  return { kind: 'word', raw: text, tokens, prefix };
}

function phrase(text: string, prefix: boolean): Term | null {
  const tokens = tokensOf(fold(text));
  if (!tokens.length) return null;
  return { kind: tokens.length > 1 ? 'phrase' : 'word', raw: `"${text}"`, tokens, prefix };
}

function build(tokens: Token[]): Query {
  // Terms that fold to nothing (punctuation alone, a stray quote pair) were dropped by lex.
  const present = tokens.filter((t) => t.type !== 'term' || t.term);
  const clauses: Clause[] = [];
  const filters: Filter[] = [];
  const orNeeds = 'needs a word or phrase on each side ("a OR b"); to search for the word itself, write it in lower case or quotes';
  for (let k = 0; k < present.length; k++) {
    const t = present[k]!;
    if (t.type === 'or') throw new ParseError(`"OR" ${orNeeds}.`);
    if (t.type === 'filter') {
      if (present[k + 1]?.type === 'or')
        throw new ParseError(`"OR" joins words and phrases, not filters: for either of two values write ${t.filter!.name}:a,b.`);
      filters.push(t.filter!);
      continue;
    }
    const clause: Clause = { any: [t.term!], negated: t.negated };
    while (present[k + 1]?.type === 'or') {
      const next = present[k + 2];
      if (!next) throw new ParseError(`"OR" ${orNeeds}.`);
      if (next.type === 'filter') throw new ParseError(`"OR" joins words and phrases, not filters: for either of two values write ${next.filter!.name}:a,b.`);
      if (next.type === 'or') throw new ParseError(`"OR OR": "OR" ${orNeeds}.`);
      if (next.negated || clause.negated)
        throw new ParseError(`"OR" cannot join an excluded word ("${excerpt(clause.negated ? t.raw : next.raw)}"): exclude each word on its own.`);
      clause.any.push(next.term!);
      k += 2;
    }
    clauses.push(clause);
  }
  const terms = clauses.reduce((n, c) => n + c.any.length, 0);
  if (terms > MAX_TERMS)
    throw new ParseError(`The query has ${terms} words; at most ${MAX_TERMS} are searched at once. Use a phrase in quotes or fewer words.`);
  return { clauses, filters };
}

function filter(name: FilterName, negated: boolean, rawValues: string[]): Filter {
  const values = rawValues.map((v) => v.trim()).filter(Boolean);
  if (!values.length) throw new ParseError(`${name}: needs a value, e.g. ${EXAMPLE[name]}.`);
  const oneOf = <T extends string>(allowed: readonly T[], what: string): T[] =>
    values.map((v) => {
      const f = fold(v) as T;
      if (!allowed.includes(f)) throw new ParseError(`Unknown ${what} "${excerpt(v)}" — ${what}s are ${allowed.join(', ')}.`);
      return f;
    });
  switch (name) {
    case 'kind':
      return { name, negated, values: oneOf(KINDS, 'kind') };
    case 'verdict':
      return { name, negated, values: oneOf(VERDICTS, 'verdict') };
    case 'has':
      return { name, negated, values: oneOf(HAS, 'has: value') };
    case 'captured':
    case 'published':
      return { name, negated, values: values.map((v) => dateBound(name, v)) };
    case 'lang':
      return {
        name,
        negated,
        values: values.map((v) => {
          if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(v)) throw new ParseError(`lang: takes a language code such as en, de or pt-BR, not "${excerpt(v)}".`);
          return v.toLowerCase();
        }),
      };
    case 'site':
      return {
        name,
        negated,
        values: values.map((v) =>
          fold(v)
            .replace(/^https?:\/\//, '')
            .replace(/^www\./, '')
            .replace(/\/.*$/, ''),
        ),
      };
    default:
      return { name, negated, values: values.map((v) => fold(v).replace(/\s+/g, ' ')) };
  }
}

const EXAMPLE: Record<FilterName, string> = {
  kind: 'kind:quote',
  speaker: 'speaker:"Bill de Blasio"',
  tag: 'tag:immigration',
  verdict: 'verdict:false',
  site: 'site:nytimes.com',
  lang: 'lang:en',
  collection: 'collection:"Policing project"',
  captured: 'captured:2026-11',
  published: 'published:>2017-01-01',
  has: 'has:claim',
};

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2017`, `2017-01`, `2017-01-31`, optionally after >, >=, < or <=, as a half-open range of ISO prefixes. */
export function dateBound(name: string, value: string): DateBound {
  const m = /^(>=|<=|>|<|=)?(.*)$/.exec(value)!;
  const op = (m[1] ?? '=') as Comparison;
  const d = DATE.exec(m[2]!.trim());
  const bad = () =>
    new ParseError(`Date must look like 2017, 2017-01 or 2017-01-31 (${name}:${excerpt(value)}); put >, >=, < or <= before it for before and after.`);
  if (!d) throw bad();
  const y = Number(d[1]);
  const mo = d[2] === undefined ? null : Number(d[2]);
  const day = d[3] === undefined ? null : Number(d[3]);
  if (mo !== null && (mo < 1 || mo > 12)) throw bad();
  if (day !== null && (day < 1 || day > new Date(Date.UTC(y, mo!, 0)).getUTCDate())) throw bad();
  let start: string;
  let next: string;
  if (mo === null) {
    start = pad(y, 4);
    next = pad(y + 1, 4);
  } else if (day === null) {
    start = `${pad(y, 4)}-${pad(mo)}`;
    next = mo === 12 ? `${pad(y + 1, 4)}-01` : `${pad(y, 4)}-${pad(mo + 1)}`;
  } else {
    start = `${pad(y, 4)}-${pad(mo)}-${pad(day)}`;
    next = new Date(Date.UTC(y, mo - 1, day + 1)).toISOString().slice(0, 10);
  }
  switch (op) {
    case '=':
      return { op, from: start, to: next };
    case '>':
      return { op, from: next, to: null };
    case '>=':
      return { op, from: start, to: null };
    case '<':
      return { op, from: null, to: start };
    case '<=':
      return { op, from: null, to: next };
  }
}

/** One term as an FTS5 string: every token quoted ("" doubles a quote), a prefix star outside. */
export function ftsTerm(t: Term): string {
  const body = `"${t.tokens.join(' ').replaceAll('"', '""')}"`;
  return t.prefix ? `${body} *` : body;
}

/**
 * The FTS5 MATCH expression for the query's words, or null when it has none to require.
 * Excluded words come back separately: FTS5's NOT needs something on its left.
 */
export function toMatch(q: Query): { match: string | null; exclude: string | null } {
  const group = (c: Clause) => (c.any.length === 1 ? ftsTerm(c.any[0]!) : `(${c.any.map(ftsTerm).join(' OR ')})`);
  const required = q.clauses.filter((c) => !c.negated).map(group);
  const excluded = q.clauses.filter((c) => c.negated).map(group);
  const exclude = excluded.length ? excluded.join(' OR ') : null;
  if (!required.length) return { match: null, exclude };
  const positive = required.join(' AND ');
  return { match: exclude ? `(${positive}) NOT (${exclude})` : positive, exclude };
}

/** Terms to highlight in snippets (excluded ones are not shown). */
export const highlightTerms = (q: Query): Term[] => q.clauses.filter((c) => !c.negated).flatMap((c) => c.any);
