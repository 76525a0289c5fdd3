/** Serves the built renderer (dist/renderer) on app://glossa/ with the security headers. */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, SECURITY_HEADERS, contentType, resolveAppPath } from './security.js';

/** Must run before `app` is ready: a standard, secure scheme gets an origin, storage and fetch. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

const plain = (status: number, text: string) => new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/** Every path is confined to `root`; anything else is a 404, never a file elsewhere on disk. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveAppPath(root, request.url);
    if (!file) return plain(404, 'Not found');
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': contentType(file), 'Cache-Control': 'no-cache' },
      });
    } catch {
      return plain(404, 'Not found');
    }
  });
}
