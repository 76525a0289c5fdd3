/**
 * Pure security policy of the shell (no electron import, so Vitest can test it):
 * the app:// origin, the Content-Security-Policy, path confinement of the renderer
 * files, and which links may leave the app for the system browser.
 */
import { extname, isAbsolute, relative, resolve } from 'node:path';

/** The renderer is served from app://glossa/, a privileged standard scheme of our own. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'glossa';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** No remote origins, no inline script, no plugins, no framing, no form posts. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every app:// response. */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentType = (file: string): string => MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * Maps an app:// URL to a file inside `root`, or null when the URL is not ours or would
 * leave `root` (`..`, encoded separators, absolute paths). Extension-less paths fall back
 * to index.html so an in-app route survives a reload.
 */
export function resolveAppPath(root: string, rawUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // A decoded backslash or NUL is never part of a name we ship; refuse rather than interpret.
  if (pathname.includes('\\') || pathname.includes('\0')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const base = resolve(root);
  const file = resolve(base, '.' + pathname);
  const rel = relative(base, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  if (extname(file) === '') return resolve(base, 'index.html');
  return file;
}

/** True when a frame URL belongs to our own renderer (the only sender IPC trusts). */
export function isAppUrl(rawUrl: string | undefined | null): boolean {
  if (!rawUrl) return false;
  try {
    const url = new URL(rawUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Links the window may hand to the system browser: plain http(s) URLs with a host and no
 * credentials. Everything else (file:, javascript:, custom schemes) stays blocked.
 */
export function isSafeExternalUrl(rawUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
}

/** Schemes a page of ours may load at all; any other request (http, file, ws…) is cancelled. */
export function isAllowedRequestUrl(rawUrl: string): boolean {
  const scheme = rawUrl.slice(0, rawUrl.indexOf(':') + 1).toLowerCase();
  if (scheme === 'app:') return isAppUrl(rawUrl);
  return scheme === 'data:' || scheme === 'blob:' || scheme === 'devtools:';
}
