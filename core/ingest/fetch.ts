/**
 * The network side of URL capture: one page or one image, fetched in the main process with
 * undici's fetch (the fetch inside Node, as a package: the same version under Node and
 * Electron, and it takes a dispatcher that checks the addresses it connects to). Redirects are
 * followed by hand so every hop is checked (http/https only, a bounded number); one deadline
 * covers the whole fetch, and a byte limit is enforced while the body streams in. Every
 * failure becomes a GlossaError a person can act on.
 */
import { fetch, type Response } from 'undici';
import { GlossaError } from '../model/index.js';
import { formatOfContentType, sniffFormat } from './formats.js';
import { LocalAddressError, localAddressOf, publicOnlyAgent, type Resolve } from './local-network.js';

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

export const PAGE_LIMITS: FetchLimits = { maxBytes: 20 * 1024 * 1024, timeoutMs: 30_000, maxRedirects: 10 };
export const IMAGE_LIMITS: FetchLimits = { maxBytes: 10 * 1024 * 1024, timeoutMs: 20_000, maxRedirects: 5 };

export interface Fetched {
  requestedUrl: string;
  /** The address that answered, after all redirects: what the snapshot records. */
  finalUrl: string;
  /** Every address redirected to, in order (the last is finalUrl). */
  redirects: string[];
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
  fetchedAt: string;
}

export interface FetchOptions {
  limits?: Partial<FetchLimits>;
  signal?: AbortSignal;
  /**
   * Refuse addresses on this computer or the local network, at every hop: for the images of
   * a page from the internet, which must not make Glossa reach into the researcher's network.
   */
  publicOnly?: boolean;
  /** How host names are resolved for `publicOnly` (the system resolver unless a test says otherwise). */
  resolve?: Resolve;
}

type Kind = 'page' | 'image';

// Some sites refuse or serve a stub to unknown clients; a browser's headers get the real page.
const USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const ACCEPT: Record<Kind, string> = {
  page: 'text/html,application/xhtml+xml,application/xml;q=0.9,multipart/related;q=0.8,text/plain;q=0.8,*/*;q=0.5',
  image: 'image/avif,image/webp,image/png,image/jpeg,image/gif,image/*;q=0.8,*/*;q=0.5',
};

const FETCH_IN_BROWSER = 'Open it in your browser, save the page (File → Save Page As), and import the saved file.';

/**
 * What a person typed or pasted → an absolute http(s) address. "example.com/x" gets https://;
 * anything that is not a web address (file:, javascript:, data:, a path on disk) is refused.
 */
export function normaliseUserUrl(input: string): string {
  // Addresses copied from mail or chat often come wrapped in <…> or quotes.
  const text = input
    .trim()
    .replace(/^<(.*)>$/s, '$1')
    .replace(/^"(.*)"$/s, '$1')
    .replace(/^'(.*)'$/s, '$1')
    .trim();
  if (!text) throw new GlossaError('INVALID_INPUT', 'Type or paste a web address, such as https://example.com/article.');
  if (/^[a-z]:[\\/]/i.test(text) || text.startsWith('\\\\') || /^\/(?!\/)/.test(text) || /^~[\\/]/.test(text)) {
    throw new GlossaError('INVALID_INPUT', `"${clip(text)}" is a file on this computer, not a web address. Use Import file to bring it in.`);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  // "example.com:8080/x" and "localhost:3000" are a host and a port, not a scheme.
  const isHostPort = scheme !== undefined && (scheme.includes('.') || scheme === 'localhost') && /^[^:]+:\d+(?:[/?#]|$)/.test(text);
  let candidate = text;
  if (scheme === undefined || isHostPort) candidate = text.startsWith('//') ? `https:${text}` : `https://${text}`;
  else if (scheme !== 'http' && scheme !== 'https') throw notWebAddress(text, scheme);
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new GlossaError(
      'INVALID_INPUT',
      `"${clip(text)}" is not a web address. Check it for typing mistakes; it should look like https://example.com/article.`,
    );
  }
  checkFetchable(url, text);
  // A bare word ("news") is more likely a search than a host; a real host has a dot.
  const host = url.hostname;
  if (scheme === undefined && !host.includes('.') && host !== 'localhost' && !host.startsWith('[')) {
    throw new GlossaError('INVALID_INPUT', `"${clip(text)}" is not a web address. Type the full address, such as https://example.com/article.`);
  }
  return url.href;
}

/** Fetches a web page (HTML, XHTML, MHTML or plain text) for capture. */
export function fetchPage(url: string, opts: FetchOptions = {}): Promise<Fetched> {
  return fetchLimited(url, 'page', { ...PAGE_LIMITS, ...opts.limits }, opts);
}

/** Fetches one of an article's images (the caller sniffs the bytes before storing them). */
export function fetchImage(url: string, opts: FetchOptions = {}): Promise<Fetched> {
  return fetchLimited(url, 'image', { ...IMAGE_LIMITS, ...opts.limits }, opts);
}

type StopReason = 'timeout' | 'cancelled';

async function fetchLimited(requestedUrl: string, kind: Kind, limits: FetchLimits, opts: FetchOptions): Promise<Fetched> {
  const { signal } = opts;
  let first: URL;
  try {
    first = new URL(requestedUrl);
  } catch {
    throw new GlossaError('INVALID_INPUT', `"${clip(requestedUrl)}" is not a web address; Glossa can only fetch http:// and https:// addresses.`);
  }
  checkFetchable(first, requestedUrl);
  if (signal?.aborted) throw cancelled(kind);

  // One controller carries both the deadline and the caller's cancel, so every hop and
  // the body read stop together; `stop` remembers which of the two fired.
  const controller = new AbortController();
  let stop: StopReason | null = null;
  const halt = (why: StopReason) => {
    if (stop) return;
    stop = why;
    controller.abort(new Error(why));
  };
  const timer = setTimeout(() => halt('timeout'), limits.timeoutMs);
  const onCancel = () => halt('cancelled');
  signal?.addEventListener('abort', onCancel, { once: true });

  let current = first;
  // publicOnly: the sockets themselves refuse local addresses (a name may answer differently at connect time).
  const dispatcher = opts.publicOnly ? publicOnlyAgent(opts.resolve) : undefined;
  try {
    const redirects: string[] = [];
    const seen = new Set([current.href]);
    for (;;) {
      if (opts.publicOnly) await refuseLocal(current, kind, opts.resolve);
      const res = await fetch(current, {
        redirect: 'manual',
        // No cookie jar in Node's fetch; 'omit' states the intent should that change.
        credentials: 'omit',
        headers: { 'User-Agent': USER_AGENT, Accept: ACCEPT[kind] },
        signal: controller.signal,
        dispatcher,
      });
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await res.body?.cancel().catch(() => undefined);
        const next = nextHop(res, current, kind);
        if (seen.has(next.href)) {
          throw new GlossaError(
            'FETCH_FAILED',
            `${label(kind, first)} redirects in a circle (back to ${next.href}), so it never arrives. ${kind === 'page' ? `The site may need cookies or a login. ${FETCH_IN_BROWSER}` : ''}`.trim(),
          );
        }
        if (redirects.length >= limits.maxRedirects) {
          throw new GlossaError(
            'FETCH_FAILED',
            `${label(kind, first)} redirected more than ${limits.maxRedirects} times, so Glossa stopped following it. ${kind === 'page' ? FETCH_IN_BROWSER : ''}`.trim(),
          );
        }
        seen.add(next.href);
        redirects.push(next.href);
        current = next;
        continue;
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel().catch(() => undefined);
        throw httpError(res, current, kind);
      }
      const contentType = res.headers.get('content-type');
      if (contentType !== null) checkContentType(contentType, current, kind);
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw tooLarge(current, kind, limits.maxBytes, declared);
      }
      const bytes = await readLimited(res, current, kind, limits.maxBytes);
      return {
        requestedUrl,
        finalUrl: current.href,
        redirects,
        status: res.status,
        contentType: contentType ?? inferredContentType(bytes, current, kind),
        bytes,
        fetchedAt: new Date().toISOString(),
      };
    }
  } catch (e) {
    if (stop === 'cancelled') throw cancelled(kind);
    if (stop === 'timeout') {
      throw new GlossaError(
        'TIMEOUT',
        `${label(kind, current)} took longer than ${seconds(limits.timeoutMs)} to arrive, so Glossa stopped waiting. The site or the connection is slow: try again later${kind === 'page' ? `, or ${lowerFirst(FETCH_IN_BROWSER)}` : '.'}`,
      );
    }
    if (e instanceof GlossaError) throw e;
    const local = localCause(e);
    if (local !== undefined) throw localRefusal(current, kind, local.address);
    throw networkError(e, current, kind);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCancel);
    void dispatcher?.destroy().catch(() => undefined);
  }
}

async function refuseLocal(url: URL, kind: Kind, resolve?: Resolve): Promise<void> {
  const local = await localAddressOf(url.hostname, resolve);
  if (local !== null) throw localRefusal(url, kind, local);
}

const localRefusal = (url: URL, kind: Kind, address: string) =>
  new GlossaError(
    'FETCH_FAILED',
    `${label(kind, url)} is on this computer or the local network (${address}), and a page from the internet may not make Glossa fetch from there. If you trust it, open the page in your browser, save it, and import the saved file.`,
  );

/** The connect-time refusal along the cause chain (fetch wraps what the socket threw). */
const localCause = (e: unknown) => inCauses(e, (x) => (x instanceof LocalAddressError ? x : undefined));

/** The next address of a redirect, checked before anything is sent to it. */
function nextHop(res: Response, from: URL, kind: Kind): URL {
  const location = res.headers.get('location');
  if (!location) {
    throw new GlossaError(
      'FETCH_FAILED',
      `${label(kind, from)} answered ${res.status} (a redirect) but did not say where to. The site is misbehaving; try again later.`,
    );
  }
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new GlossaError('FETCH_FAILED', `${label(kind, from)} redirects to "${clip(location)}", which is not a valid address.`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new GlossaError(
      'FETCH_FAILED',
      `${label(kind, from)} redirects to a ${next.protocol} address (${clip(next.href)}); Glossa only follows http:// and https:// redirects.`,
    );
  }
  if (next.username || next.password) {
    throw new GlossaError('FETCH_FAILED', `${label(kind, from)} redirects to an address with a user name or password in it, which Glossa does not follow.`);
  }
  return next;
}

/** Reads the body, counting bytes, and stops as soon as it passes the limit. */
async function readLimited(res: Response, url: URL, kind: Kind, maxBytes: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, kind, maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function checkContentType(contentType: string, url: URL, kind: Kind): void {
  const type = mediaType(contentType);
  if (kind === 'page') {
    if (formatOfContentType(contentType)) return;
    throw new GlossaError(
      'UNSUPPORTED_FORMAT',
      `${url.href} is ${type ? `a ${type} file` : 'of an unnamed type'}, not a web page. Glossa captures web pages (HTML, MHTML) and plain text; download the file and open it elsewhere, or capture the article's web page instead.`,
    );
  }
  // SVG can carry scripts and is refused after sniffing anyway: do not download it.
  if (type === 'image/svg+xml')
    throw new GlossaError('UNSUPPORTED_FORMAT', `${url.href} is an SVG drawing, which Glossa does not store (SVG can carry scripts).`);
  // Servers often label pictures as octet-stream; the caller sniffs the bytes in any case.
  if (type.startsWith('image/') || type === 'application/octet-stream' || type === '') return;
  throw new GlossaError('UNSUPPORTED_FORMAT', `${url.href} is a ${type} file, not a picture.`);
}

/** A page without a Content-Type is kept only if its bytes show it is HTML or MHTML. */
function inferredContentType(bytes: Uint8Array, url: URL, kind: Kind): string | null {
  if (kind === 'image') return null;
  const sniffed = sniffFormat(bytes);
  if (sniffed === 'html') return 'text/html';
  if (sniffed === 'mhtml') return 'multipart/related';
  throw new GlossaError('UNSUPPORTED_FORMAT', `${url.href} did not say what kind of file it is, and it does not look like a web page. ${FETCH_IN_BROWSER}`);
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  410: 'Gone',
  429: 'Too Many Requests',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function httpError(res: Response, url: URL, kind: Kind): GlossaError {
  const s = res.status;
  const text = STATUS_TEXT[s] ?? res.statusText;
  const said = `${label(kind, url)} answered ${s}${text ? ` ${text}` : ''}`;
  const browser = kind === 'page' ? ` ${FETCH_IN_BROWSER}` : '';
  let meaning: string;
  if (s === 404 || s === 410)
    meaning = `: the ${kind} is gone, or the address is wrong. Check the address${kind === 'page' ? ', or look for the article in a web archive' : ''}.`;
  else if (s === 401 || s === 402 || s === 403 || s === 407)
    meaning = `: it needs a login or a subscription, or the site refuses automatic downloads.${browser}`;
  else if (s === 429) meaning = ': the site is limiting how often it can be fetched. Wait a few minutes and try again.';
  else if (s === 451) meaning = `: it is not available in this country for legal reasons.`;
  else if (s === 408) meaning = ': the server gave up waiting. Try again.';
  else if (s >= 500) meaning = `: the site has a problem on its side. Try again later.${browser}`;
  else if (s >= 400) meaning = `: the server refused the request. Check the address.${browser}`;
  else meaning = `, which is not a ${kind} Glossa can use.${browser}`;
  return new GlossaError('FETCH_FAILED', said + meaning);
}

/** undici reports connection trouble as `TypeError: fetch failed` with the system error as its cause. */
function networkError(e: unknown, url: URL, kind: Kind): GlossaError {
  const host = url.host;
  const code = causeCode(e);
  const browser = kind === 'page' ? ` ${FETCH_IN_BROWSER}` : '';
  const saveInstead = kind === 'page' ? ', or save the page in your browser and import the file' : '';
  switch (true) {
    case code === 'ENOTFOUND' ||
      code === 'EAI_AGAIN' ||
      code === 'EAI_FAIL' ||
      code === 'EAI_NONAME' ||
      code === 'ENETUNREACH' ||
      code === 'ENETDOWN' ||
      code === 'EHOSTUNREACH':
      return new GlossaError(
        'NETWORK',
        `Could not reach ${host}: this computer seems to be offline or the address is wrong. Check the connection${saveInstead}.`,
      );
    case code === 'ECONNREFUSED':
      return new GlossaError(
        'NETWORK',
        `${host} refused the connection: the site may be down, or the address (or its port) is wrong. Check the address and try again later.`,
      );
    case code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED':
      return new GlossaError(
        'NETWORK',
        `The connection to ${host} was cut off before the ${kind} arrived. The network or the site is unstable; try again.${browser}`,
      );
    case code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT':
      return new GlossaError('NETWORK', `${host} did not answer: the site may be down, or a firewall blocks it. Check the connection and try again later.`);
    case code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code):
      return new GlossaError(
        'NETWORK',
        `The secure connection to ${host} could not be trusted (${code}). The site's certificate may be broken, or this network (hotel or office Wi-Fi) intercepts secure connections; open the address in your browser to check.${browser}`,
      );
    case code !== undefined && (code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code === 'EPROTO'):
      return new GlossaError(
        'NETWORK',
        `Could not set up a secure connection to ${host} (${code}). The site may not offer https at this address, or something on the network interferes; check the address (http:// or https://).${browser}`,
      );
    case code !== undefined && (code.startsWith('HPE_') || code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'):
      return new GlossaError('FETCH_FAILED', `${host} sent an answer that is not valid HTTP (${code}).${browser}`);
    default: {
      const detail = describeError(e);
      if (/bad port/i.test(detail))
        return new GlossaError('INVALID_INPUT', `${url.href} uses a port that web browsers refuse for safety (${url.port}); check the address.`);
      return new GlossaError('NETWORK', `Could not fetch ${url.href} (${detail}). Check the connection and the address${saveInstead}.`);
    }
  }
}

/** The first `code` along the cause chain. */
const causeCode = (e: unknown) => inCauses(e, (x) => ('code' in x && typeof x.code === 'string' && x.code !== 'ABORT_ERR' ? x.code : undefined));

/** The first error along the cause chain (and inside AggregateErrors from trying several addresses) that `pick` finds something in. */
function inCauses<T>(e: unknown, pick: (e: object) => T | undefined, depth = 0): T | undefined {
  if (!e || typeof e !== 'object' || depth > 5) return undefined;
  const found = pick(e);
  if (found !== undefined) return found;
  const { cause, errors } = e as { cause?: unknown; errors?: unknown };
  if (Array.isArray(errors))
    for (const inner of errors) {
      const c = inCauses(inner, pick, depth + 1);
      if (c !== undefined) return c;
    }
  return inCauses(cause, pick, depth + 1);
}

function describeError(e: unknown): string {
  const parts: string[] = [];
  for (let x: unknown = e, i = 0; x && i < 4; x = (x as { cause?: unknown }).cause, i++) {
    if (x instanceof Error && x.message && !parts.includes(x.message)) parts.push(x.message);
  }
  return parts.join(': ') || String(e);
}

function checkFetchable(url: URL, shown: string): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw notWebAddress(shown, url.protocol.slice(0, -1));
  if (url.username || url.password) {
    throw new GlossaError(
      'INVALID_INPUT',
      `"${clip(shown)}" has a user name or password in it, which Glossa does not send. Log in in your browser, save the page, and import the file.`,
    );
  }
  if (!url.hostname) throw new GlossaError('INVALID_INPUT', `"${clip(shown)}" has no host name; it should look like https://example.com/article.`);
}

function notWebAddress(shown: string, scheme: string): GlossaError {
  const s = scheme.toLowerCase();
  const hint =
    s === 'file'
      ? 'It is a file on this computer: use Import file to bring it in.'
      : s === 'javascript' || s === 'data' || s === 'blob'
        ? 'It is code or inline data, not a page on the web.'
        : 'Glossa fetches only http:// and https:// addresses.';
  return new GlossaError('INVALID_INPUT', `"${clip(shown)}" is a ${s}: address, not a web page address. ${hint}`);
}

function tooLarge(url: URL, kind: Kind, maxBytes: number, declared?: number): GlossaError {
  const size = declared !== undefined ? ` (${mib(declared)})` : '';
  const advice = kind === 'page' ? ` This is not a normal article page; ${lowerFirst(FETCH_IN_BROWSER)}` : '';
  return new GlossaError('TOO_LARGE', `${label(kind, url)} is larger than the ${mib(maxBytes)} limit${size}, so Glossa stopped downloading it.${advice}`);
}

function cancelled(kind: Kind): GlossaError {
  return new GlossaError('CANCELLED', `The ${kind} download was cancelled; nothing was saved.`);
}

function label(kind: Kind, url: URL): string {
  return `The ${kind} at ${url.href}`;
}

function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

function mib(bytes: number): string {
  const m = bytes / 1024 / 1024;
  return m >= 1 ? `${Number(m.toFixed(1))} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

function clip(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
