/**
 * The shell's security policy (electron/security.ts) is pure, so it is tested here in Node:
 * what app:// serves, which frames IPC trusts, which links leave the app, the CSP.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY, CSP, SECURITY_HEADERS, isAllowedRequestUrl, isAppUrl, isSafeExternalUrl, resolveAppPath } from '../../electron/security.js';

const root = mkdtempSync(join(tmpdir(), 'glossa-renderer-'));

describe('resolveAppPath confines app:// to the renderer folder', () => {
  it('serves index.html for the entry and the bare origin', () => {
    expect(resolveAppPath(root, APP_ENTRY)).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://glossa/')).toBe(join(root, 'index.html'));
  });

  it('serves files below the root', () => {
    expect(resolveAppPath(root, 'app://glossa/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath(root, 'app://glossa/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'));
  });

  it('falls back to index.html for in-app routes without an extension', () => {
    expect(resolveAppPath(root, 'app://glossa/reader/123')).toBe(join(root, 'index.html'));
  });

  it('normalises dot segments inside the root (the URL parser drops them first)', () => {
    expect(resolveAppPath(root, 'app://glossa/%2e%2e/%2e%2e/secret.txt')).toBe(join(root, 'secret.txt'));
    expect(resolveAppPath(root, 'app://glossa/../../secret.txt')).toBe(join(root, 'secret.txt'));
  });

  it.each([
    'app://glossa/..%2f..%2fetc%2fpasswd',
    'app://glossa/assets/..%2f..%2f..%2fsecret.txt',
    'app://glossa/..%5c..%5csecret.txt',
    'app://glossa/a%00.js',
    'app://glossa/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'https://glossa/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('trust and navigation', () => {
  it('trusts only frames of app://glossa', () => {
    expect(isAppUrl('app://glossa/index.html')).toBe(true);
    expect(isAppUrl('app://glossa.evil/index.html')).toBe(false);
    expect(isAppUrl('https://glossa/index.html')).toBe(false);
    expect(isAppUrl('devtools://devtools/bundled/inspector.html')).toBe(false);
    expect(isAppUrl('')).toBe(false);
    expect(isAppUrl(null)).toBe(false);
  });

  it('hands only plain http(s) links to the system browser', () => {
    expect(isSafeExternalUrl('https://www.example.org/story?id=1')).toBe(true);
    expect(isSafeExternalUrl('http://example.org/')).toBe(true);
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'app://glossa/index.html',
      'smb://host/share',
      'https://user:pw@example.org/',
      'https://',
      'nonsense',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('lets the page load only its own files and inline data', () => {
    expect(isAllowedRequestUrl('app://glossa/assets/x.js')).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequestUrl('blob:app://glossa/0b9e-11')).toBe(true);
    for (const url of ['https://example.org/pixel.gif', 'http://127.0.0.1:8080/', 'ws://localhost/', 'file:///etc/passwd', 'app://evil/x.js', 'ftp://x/']) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CSP.split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );

  it('has every required directive', () => {
    expect(Object.fromEntries(directives)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
  });

  it('allows no inline script and no remote origin', () => {
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CSP);
  });
});
