/**
 * MHTML (.mhtml/.mht, "Web page, single file" in Chromium): a MIME multipart/related message
 * whose first text/html part is the page and whose other parts are its images, styles and
 * frames, each named by Content-Location (and Content-ID). This reads it into the page's
 * text plus its resources, so the page can be extracted like any saved page and its images
 * stored without fetching anything.
 */
import { GlossaError } from '../model/errors.js';
import { decodeHtml } from './decode.js';

export interface MhtmlResource {
  /** Content-Location (absolute URL as saved) or "cid:<id>". */
  location: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface MhtmlPage {
  /** The page's HTML, decoded with its declared charset. */
  html: string;
  /** Where the page was saved from (Snapshot-Content-Location or the HTML part's location). */
  url: string | null;
  resources: MhtmlResource[];
}

interface Part {
  headers: Map<string, string>;
  body: Uint8Array;
}

const latin1 = (b: Uint8Array): string => new TextDecoder('latin1').decode(b);

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  outer: for (let i = hay.indexOf(first!, from); i !== -1 && i <= hay.length - needle.length; i = hay.indexOf(first!, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Headers (unfolded, names lower-cased) and where the body starts. */
function readHeaders(bytes: Uint8Array, from: number): { headers: Map<string, string>; bodyStart: number } {
  const crlf = indexOf(bytes, new Uint8Array([13, 10, 13, 10]), from);
  const lf = indexOf(bytes, new Uint8Array([10, 10]), from);
  const end = crlf !== -1 && (lf === -1 || crlf < lf) ? crlf : lf;
  const headerEnd = end === -1 ? bytes.length : end;
  const bodyStart = end === -1 ? bytes.length : end + (end === crlf ? 4 : 2);
  const text = latin1(bytes.subarray(from, headerEnd)).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, bodyStart };
}

function param(header: string | undefined, name: string): string | null {
  if (!header) return null;
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function decodeQuotedPrintable(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length);
  let n = 0;
  const hex = (c: number) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === 61 /* = */) {
      if (body[i + 1] === 13 && body[i + 2] === 10) {
        i += 2; // soft line break
        continue;
      }
      if (body[i + 1] === 10) {
        i += 1;
        continue;
      }
      const h = hex(body[i + 1] ?? -1);
      const l = hex(body[i + 2] ?? -1);
      if (h >= 0 && l >= 0) {
        out[n++] = h * 16 + l;
        i += 2;
        continue;
      }
    }
    out[n++] = c;
  }
  return out.subarray(0, n);
}

function decodeBody(part: Part): Uint8Array {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (encoding === 'base64') return new Uint8Array(Buffer.from(latin1(part.body).replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return part.body;
}

/** Reads an MHTML file. Throws UNSUPPORTED_FORMAT when it is not MHTML with an HTML part. */
export function parseMhtml(bytes: Uint8Array): MhtmlPage {
  const top = readHeaders(bytes, 0);
  const type = top.headers.get('content-type') ?? '';
  const boundary = param(type, 'boundary');
  if (!/multipart\//i.test(type) || !boundary) {
    throw new GlossaError(
      'UNSUPPORTED_FORMAT',
      'This file is not an MHTML page (no multipart MIME header). Save the page again as "Web page, single file" or as HTML.',
    );
  }
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  const parts: Part[] = [];
  let pos = indexOf(bytes, delimiter, top.bodyStart);
  while (pos !== -1) {
    let start = pos + delimiter.length;
    if (bytes[start] === 45 && bytes[start + 1] === 45) break; // closing delimiter "--boundary--"
    while (bytes[start] === 32 || bytes[start] === 9) start++;
    if (bytes[start] === 13) start++;
    if (bytes[start] === 10) start++;
    const next = indexOf(bytes, delimiter, start);
    let end = next === -1 ? bytes.length : next;
    // The line break before a delimiter belongs to the delimiter.
    if (bytes[end - 1] === 10) end--;
    if (bytes[end - 1] === 13) end--;
    const { headers, bodyStart } = readHeaders(bytes, start);
    parts.push({ headers, body: bytes.subarray(Math.min(bodyStart, end), end) });
    pos = next;
  }

  const htmlIndex = parts.findIndex((p) => /^text\/html/i.test(p.headers.get('content-type') ?? ''));
  if (htmlIndex === -1) {
    throw new GlossaError('UNSUPPORTED_FORMAT', 'This MHTML file holds no HTML page. Save the page again from the browser.');
  }
  const htmlPart = parts[htmlIndex]!;
  const html = decodeHtml(decodeBody(htmlPart), htmlPart.headers.get('content-type')).text;
  const url = top.headers.get('snapshot-content-location') ?? htmlPart.headers.get('content-location') ?? null;

  const resources: MhtmlResource[] = [];
  parts.forEach((p, i) => {
    if (i === htmlIndex) return;
    const cid = p.headers.get('content-id')?.replace(/^<|>$/g, '');
    const location = p.headers.get('content-location') ?? (cid ? `cid:${cid}` : null);
    if (!location) return;
    resources.push({ location, contentType: (p.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim(), bytes: decodeBody(p) });
  });
  return { html, url, resources };
}
