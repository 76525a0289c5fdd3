/**
 * Every hostile payload of the shared XSS corpora, and the page each one is imported as.
 * Plain Node (no Playwright), so the e2e spec and the Vitest corpus test share it.
 *
 * - dompurify-xss-fixtures: every `payload` of expect.json;
 * - h5sc-html5sec: every vector (`data`) of items.json, and every attachment (`raw`, the file
 *   the vector loads), with the `%name%` placeholders filled from payloads.json as html5sec
 *   does (only known names: `%3E%` and friends are URL escapes and stay as they are);
 * - xss-payload-lists: every line of every list file (*.txt), and every SVG/XML/XSL file as a
 *   whole document.
 *
 * ../shared is read in place, never copied into the repository.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPORA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpora');
const DOMPURIFY = join(CORPORA, 'dompurify-xss-fixtures');
const H5SC = join(CORPORA, 'h5sc-html5sec');
const LISTS = join(CORPORA, 'xss-payload-lists');

export const HAVE_XSS_CORPORA = [DOMPURIFY, H5SC, LISTS].every((dir) => existsSync(dir));
export const XSS_SKIP_REASON = `${CORPORA} (dompurify-xss-fixtures, h5sc-html5sec, xss-payload-lists) is absent: the XSS corpus checks are skipped.`;

export type PayloadSource = 'dompurify' | 'h5sc-vector' | 'h5sc-attachment' | 'list-line' | 'list-file';

export interface Payload {
  source: PayloadSource;
  /** Where it came from, precise enough to find it again (file and line, item id, …). */
  ref: string;
  markup: string;
  /** A whole document (SVG/XML file, h5sc attachment): imported as it is, not wrapped. */
  whole: boolean;
}

/** One page to import: the file the importer sees and, for wrapped payloads, text that must show in the reader. */
export interface PayloadPage {
  payload: Payload;
  name: string;
  data: Uint8Array;
  /** Present in the canonical text of a wrapped payload's snapshot; null for whole documents. */
  marker: string | null;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/** html5sec's own substitution: `%name%` for every name payloads.json defines. */
export function fillPlaceholders(text: string, fills: Record<string, string>): string {
  return text.replace(/%([a-z0-9_]+)%/gi, (whole, name: string) => (Object.hasOwn(fills, name) ? fills[name]! : whole));
}

export function loadPayloads(): Payload[] {
  const out: Payload[] = [];

  const fixtures = readJson<{ title?: string; payload: string }[]>(join(DOMPURIFY, 'expect.json'));
  for (const [i, f] of fixtures.entries()) {
    out.push({ source: 'dompurify', ref: `dompurify-xss-fixtures/expect.json #${i}${f.title ? ` (${f.title})` : ''}`, markup: f.payload, whole: false });
  }

  const fills = readJson<Record<string, string>>(join(H5SC, 'payloads.json'));
  const items = readJson<{ id: number; data: string; attachment?: { name: string; raw: string } }[]>(join(H5SC, 'items.json'));
  for (const item of items) {
    out.push({ source: 'h5sc-vector', ref: `h5sc-html5sec/items.json id ${item.id}`, markup: fillPlaceholders(item.data, fills), whole: false });
  }
  for (const item of items) {
    if (!item.attachment?.raw) continue;
    out.push({
      source: 'h5sc-attachment',
      ref: `h5sc-html5sec/items.json id ${item.id} attachment ${item.attachment.name}`,
      markup: fillPlaceholders(item.attachment.raw, fills),
      whole: true,
    });
  }

  for (const path of filesUnder(LISTS)) {
    const rel = relative(CORPORA, path);
    if (/\.txt$/i.test(path)) {
      const lines = readFileSync(path, 'utf8').split(/\r?\n/);
      for (const [i, line] of lines.entries()) {
        if (line.trim()) out.push({ source: 'list-line', ref: `${rel}:${i + 1}`, markup: line, whole: false });
      }
    } else if (/\.(svg|xml|xsl)$/i.test(path)) {
      out.push({ source: 'list-file', ref: rel, markup: readFileSync(path, 'utf8'), whole: true });
    }
  }
  return out;
}

export function countBySource(payloads: readonly { source: PayloadSource }[]): Record<PayloadSource, number> {
  const counts: Record<PayloadSource, number> = { dompurify: 0, 'h5sc-vector': 0, 'h5sc-attachment': 0, 'list-line': 0, 'list-file': 0 };
  for (const p of payloads) counts[p.source]++;
  return counts;
}

/** Escapes text for an RCDATA element (<title>) or a quoted attribute. */
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * The page a payload is imported as. A payload line sits in the body of a small article
 * (so the importer keeps a snapshot, and Readability keeps the payload's surroundings), and
 * its text is the page title too (so hostile text reaches the library list and the reader
 * header). The case number makes every page's text unique: without it, payloads the
 * sanitiser removes entirely would all be duplicates of the first.
 */
export function pageFor(payload: Payload, index: number): PayloadPage {
  const number = String(index).padStart(5, '0');
  const name = `xss-${number}.html`;
  if (payload.whole) return { payload, name, data: new Uint8Array(Buffer.from(payload.markup, 'utf8')), marker: null };
  const marker = `Case ${number} of the hostile markup corpus`;
  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>Case ${number}: ${escapeText(payload.markup)}</title>`,
    '</head><body><main><article>',
    `<h1>Hostile markup, case ${number}</h1>`,
    `<p>${marker} (${escapeText(payload.ref)}). This paragraph is ordinary article text, written so that the importer`,
    'finds an article around the payload that follows and keeps a snapshot of it for the reader to open.</p>',
    `<div class="story-body">${payload.markup}</div>`,
    '<p>The paragraph after the payload closes the article. Whatever the payload was, the reader must show it as',
    'text or not at all: nothing in it may run, open a dialog or load anything from the network.</p>',
    '</article></main></body></html>',
  ].join('\n');
  return { payload, name, data: new Uint8Array(Buffer.from(html, 'utf8')), marker };
}

/**
 * Every page to import: each payload once, and each whole document a second time inline in a
 * wrapped page — most SVG files hold no text, so as they are they are refused (EMPTY_FILE) and
 * never reach the reader; inline in an article they do.
 */
export function pagesFor(payloads: readonly Payload[]): PayloadPage[] {
  const pages: PayloadPage[] = [];
  for (const payload of payloads) {
    pages.push(pageFor(payload, pages.length));
    if (payload.whole) pages.push(pageFor({ ...payload, ref: `${payload.ref} (inline in a page)`, whole: false }, pages.length));
  }
  return pages;
}
