/** Which importer reads a file: by its extension, then by a look at its first bytes. */
import { GlossaError } from '../model/index.js';

export type PageFormat = 'text' | 'html' | 'mhtml';

export const FORMAT_BY_EXTENSION: Readonly<Record<string, PageFormat>> = {
  txt: 'text',
  text: 'text',
  md: 'text',
  markdown: 'text',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  shtml: 'html',
  mhtml: 'mhtml',
  mht: 'mhtml',
};

/** Extensions the import dialogs offer. */
export const IMPORTABLE_EXTENSIONS: readonly string[] = Object.keys(FORMAT_BY_EXTENSION);

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function head(bytes: Uint8Array): string {
  return new TextDecoder('latin1')
    .decode(bytes.subarray(0, 2048))
    .replace(/^\uFEFF|^ï»¿/, '')
    .trimStart()
    .toLowerCase();
}

/** What the bytes look like, when the name does not say. */
export function sniffFormat(bytes: Uint8Array): PageFormat | null {
  const h = head(bytes);
  if (/^(from:|mime-version:|content-type:\s*multipart\/related)/m.test(h) && /multipart\/related/.test(h)) return 'mhtml';
  if (/^(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html|<!--)/.test(h) || /<html[\s>]/.test(h)) return 'html';
  return null;
}

/** From an HTTP Content-Type (URL captures). */
export function formatOfContentType(contentType: string | null): PageFormat | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'multipart/related' || type === 'message/rfc822' || type === 'application/x-mimearchive') return 'mhtml';
  if (type === 'text/plain' || type === 'text/markdown') return 'text';
  return null;
}

export function formatOfFile(name: string, bytes: Uint8Array): PageFormat {
  const ext = extensionOf(name);
  const byName = FORMAT_BY_EXTENSION[ext];
  if (byName) return byName;
  const sniffed = sniffFormat(bytes);
  if (sniffed && !ext) return sniffed;
  const list = IMPORTABLE_EXTENSIONS.map((e) => `.${e}`).join(', ');
  throw new GlossaError(
    'UNSUPPORTED_FORMAT',
    `"${name}" is ${ext ? `a .${ext} file` : 'a file without an extension'}, which Glossa does not import. Glossa imports saved web pages and text (${list}). Save the article from your browser as a web page or as text and import that.`,
  );
}
