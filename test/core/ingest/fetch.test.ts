/**
 * URL capture's network layer against real local servers (node:http on 127.0.0.1, port 0):
 * redirects hop by hop, the size and time limits, HTTP and connection errors, cancelling,
 * images kept off the local network, and what a person may type as an address.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GlossaError } from '../../../core/model/index.js';
import { fetchImage, fetchPage, IMAGE_LIMITS, normaliseUserUrl, PAGE_LIMITS } from '../../../core/ingest/fetch.js';
import { isLocalAddress, LocalAddressError, publicOnlyLookup } from '../../../core/ingest/local-network.js';
import { PNG_BYTES } from './samples.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const servers: (http.Server | https.Server)[] = [];

async function listen(server: http.Server | https.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A server whose routes are a table; anything else is a 404. Returns its base URL and the requests it saw. */
async function serve(routes: Record<string, Handler>) {
  const seen: IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req);
    const route = routes[req.url ?? ''];
    if (route) route(req, res);
    else res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>');
  });
  const port = await listen(server);
  return { base: `http://127.0.0.1:${port}`, seen };
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

async function refusal(p: Promise<unknown>): Promise<GlossaError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GlossaError);
    return e as GlossaError;
  }
  throw new Error('expected the fetch to be refused');
}

function refusalOf(input: string): GlossaError {
  try {
    normaliseUserUrl(input);
  } catch (e) {
    expect(e).toBeInstanceOf(GlossaError);
    return e as GlossaError;
  }
  throw new Error(`expected "${input}" to be refused`);
}

const html = (body: string) => `<!doctype html><html><head><title>T</title></head><body>${body}</body></html>`;
const page =
  (body = 'Article'): Handler =>
  (_q, r) =>
    r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html(body));
const redirect =
  (status: number, location: string, headers: Record<string, string> = {}): Handler =>
  (_q, r) =>
    r.writeHead(status, { location, ...headers }).end();
/** Answers nothing until the client goes away. */
const hang: Handler = () => undefined;

describe('limits', () => {
  it('has sensible defaults for pages and images', () => {
    expect(PAGE_LIMITS).toEqual({ maxBytes: 20 * 1024 * 1024, timeoutMs: 30_000, maxRedirects: 10 });
    expect(IMAGE_LIMITS).toEqual({ maxBytes: 10 * 1024 * 1024, timeoutMs: 20_000, maxRedirects: 5 });
  });
});

describe('fetchPage: success and redirects', () => {
  it('follows a 301 → 302 chain (absolute, root-relative and path-relative Locations) and reports the final URL', async () => {
    const { base, seen } = await serve({
      '/old': redirect(301, '/moved/here', { 'set-cookie': 'session=abc; Path=/' }),
      '/moved/here': redirect(302, 'final?x=1'),
      '/moved/final?x=1': page('The article'),
    });
    const got = await fetchPage(`${base}/old`);
    expect(got.requestedUrl).toBe(`${base}/old`);
    expect(got.finalUrl).toBe(`${base}/moved/final?x=1`);
    expect(got.redirects).toEqual([`${base}/moved/here`, `${base}/moved/final?x=1`]);
    expect(got.status).toBe(200);
    expect(got.contentType).toBe('text/html; charset=utf-8');
    expect(new TextDecoder().decode(got.bytes)).toContain('The article');
    expect(Date.parse(got.fetchedAt)).not.toBeNaN();
    // Browser-like headers on every hop; the cookie set on the way is never sent back.
    expect(seen).toHaveLength(3);
    for (const req of seen) {
      expect(req.headers['user-agent']).toMatch(/^Mozilla\/5\.0 .*Chrome\//);
      expect(req.headers.accept).toMatch(/^text\/html/);
      expect(req.headers.cookie).toBeUndefined();
    }
  });

  it('follows an absolute Location to another host, and 303/307/308', async () => {
    const other = await serve({ '/end': page() });
    const { base } = await serve({
      '/a': redirect(303, '/b'),
      '/b': redirect(307, '/c'),
      '/c': redirect(308, `${other.base}/end`),
    });
    const got = await fetchPage(`${base}/a`);
    expect(got.finalUrl).toBe(`${other.base}/end`);
    expect(got.redirects).toHaveLength(3);
  });

  it('follows exactly maxRedirects hops, and refuses one more', async () => {
    const routes: Record<string, Handler> = { '/r/4': page() };
    for (let i = 0; i < 4; i++) routes[`/r/${i}`] = redirect(302, `/r/${i + 1}`);
    const { base } = await serve(routes);
    expect((await fetchPage(`${base}/r/0`, { limits: { maxRedirects: 4 } })).finalUrl).toBe(`${base}/r/4`);
    const e = await refusal(fetchPage(`${base}/r/0`, { limits: { maxRedirects: 3 } }));
    expect(e.code).toBe('FETCH_FAILED');
    expect(e.message).toMatch(/redirected more than 3 times/);
    expect(e.message).toContain(`${base}/r/0`);
  });

  it('stops a redirect loop and says so', async () => {
    const { base, seen } = await serve({ '/a': redirect(302, '/b'), '/b': redirect(302, '/a') });
    const e = await refusal(fetchPage(`${base}/a`));
    expect(e.code).toBe('FETCH_FAILED');
    expect(e.message).toMatch(/redirects in a circle/);
    expect(e.message).toMatch(/save the page/i);
    expect(seen).toHaveLength(2);
  });

  it('refuses redirects to file:, ftp: and javascript: without following them', async () => {
    const { base } = await serve({
      '/f': redirect(302, 'file:///etc/passwd'),
      '/ftp': redirect(301, 'ftp://files.example/x'),
      '/js': redirect(302, 'javascript:alert(1)'),
      '/none': (_q, r) => r.writeHead(302).end(),
    });
    for (const [path, scheme] of [
      ['/f', 'file:'],
      ['/ftp', 'ftp:'],
      ['/js', 'javascript:'],
    ] as const) {
      const e = await refusal(fetchPage(`${base}${path}`));
      expect(e.code).toBe('FETCH_FAILED');
      expect(e.message).toContain(`a ${scheme} address`);
      expect(e.message).toMatch(/only follows http:\/\/ and https:\/\//);
    }
    const none = await refusal(fetchPage(`${base}/none`));
    expect(none.code).toBe('FETCH_FAILED');
    expect(none.message).toMatch(/did not say where to/);
  });
});

describe('fetchPage: size limit', () => {
  it('refuses early when Content-Length is over the limit', async () => {
    // Sends 1 KiB of the 5 MiB it announces, then waits: only the header can end this fetch.
    const { base } = await serve({
      '/big': (_q, r) => {
        r.writeHead(200, { 'content-type': 'text/html', 'content-length': String(5 * 1024 * 1024) });
        r.write(Buffer.alloc(1024, 'a'));
      },
    });
    const e = await refusal(fetchPage(`${base}/big`, { limits: { maxBytes: 1024 * 1024, timeoutMs: 2000 } }));
    expect(e.code).toBe('TOO_LARGE');
    expect(e.message).toContain(`${base}/big`);
    expect(e.message).toMatch(/larger than the 1 MiB limit \(5 MiB\)/);
  });

  it('aborts a chunked body (no Content-Length) as soon as it passes the limit', async () => {
    let sent = 0;
    let closed = false;
    const { base } = await serve({
      '/endless': (_q, r) => {
        r.writeHead(200, { 'content-type': 'text/html' });
        r.on('close', () => (closed = true));
        const pump = () => {
          if (r.destroyed || sent > 50 * 1024 * 1024) return r.end();
          sent += 64 * 1024;
          if (r.write(Buffer.alloc(64 * 1024, 'x'))) setImmediate(pump);
          else r.once('drain', pump);
        };
        pump();
      },
    });
    const e = await refusal(fetchPage(`${base}/endless`, { limits: { maxBytes: 256 * 1024 } }));
    expect(e.code).toBe('TOO_LARGE');
    expect(e.message).toMatch(/larger than the 256 KiB limit/);
    await expect.poll(() => closed).toBe(true);
    // Stopped long before the server's own 50 MiB end.
    expect(sent).toBeLessThan(20 * 1024 * 1024);
  });

  it('accepts a body of exactly maxBytes', async () => {
    const body = Buffer.alloc(4096, 'y');
    const { base } = await serve({ '/exact': (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end(body) });
    expect((await fetchPage(`${base}/exact`, { limits: { maxBytes: 4096 } })).bytes).toHaveLength(4096);
    expect((await refusal(fetchPage(`${base}/exact`, { limits: { maxBytes: 4095 } }))).code).toBe('TOO_LARGE');
  });
});

describe('fetchPage: one deadline', () => {
  it('gives up on a server that never answers (TIMEOUT)', async () => {
    const { base } = await serve({ '/slow': hang });
    const e = await refusal(fetchPage(`${base}/slow`, { limits: { timeoutMs: 300 } }));
    expect(e.code).toBe('TIMEOUT');
    expect(e.message).toMatch(/took longer than 300 ms/);
    expect(e.message).toContain(`${base}/slow`);
  });

  it('counts the body: headers in time but a trickling body still times out', async () => {
    const { base } = await serve({
      '/trickle': (_q, r) => {
        r.writeHead(200, { 'content-type': 'text/html' });
        const t = setInterval(() => (r.destroyed ? clearInterval(t) : r.write('.')), 50);
        r.on('close', () => clearInterval(t));
      },
    });
    expect((await refusal(fetchPage(`${base}/trickle`, { limits: { timeoutMs: 300 } }))).code).toBe('TIMEOUT');
  });

  it('counts every redirect hop against the same deadline', async () => {
    const later =
      (h: Handler): Handler =>
      (q, r) =>
        void setTimeout(() => h(q, r), 150);
    const { base } = await serve({
      '/1': later(redirect(302, '/2')),
      '/2': later(redirect(302, '/3')),
      '/3': later(redirect(302, '/4')),
      '/4': later(redirect(302, '/5')),
      '/5': later(page()),
    });
    // Each hop alone is well inside 400 ms; all five are not.
    const e = await refusal(fetchPage(`${base}/1`, { limits: { timeoutMs: 400 } }));
    expect(e.code).toBe('TIMEOUT');
  });
});

describe('fetchPage: HTTP errors say what they mean', () => {
  it('404 and 410: the page is gone', async () => {
    const { base } = await serve({ '/gone': (_q, r) => r.writeHead(410).end() });
    const e = await refusal(fetchPage(`${base}/missing`));
    expect(e.code).toBe('FETCH_FAILED');
    expect(e.message).toContain(`${base}/missing answered 404 Not Found`);
    expect(e.message).toMatch(/page is gone, or the address is wrong/);
    expect((await refusal(fetchPage(`${base}/gone`))).message).toMatch(/410 Gone: the page is gone/);
  });

  it('500 and 503: a problem on the site, try later', async () => {
    const { base } = await serve({
      '/err': (_q, r) => r.writeHead(500, { 'content-type': 'text/html' }).end('oops'),
      '/busy': (_q, r) => r.writeHead(503).end(),
    });
    const e = await refusal(fetchPage(`${base}/err`));
    expect(e.code).toBe('FETCH_FAILED');
    expect(e.message).toMatch(/answered 500 Internal Server Error: the site has a problem on its side\. Try again later/);
    expect((await refusal(fetchPage(`${base}/busy`))).message).toMatch(/503 Service Unavailable/);
  });

  it('401 and 403: it needs a login, so save it from the browser', async () => {
    const { base } = await serve({ '/paywall': (_q, r) => r.writeHead(403).end(), '/login': (_q, r) => r.writeHead(401).end() });
    for (const path of ['/paywall', '/login']) {
      const e = await refusal(fetchPage(`${base}${path}`));
      expect(e.code).toBe('FETCH_FAILED');
      expect(e.message).toMatch(/needs a login/);
      expect(e.message).toMatch(/save the page .*import the saved file/);
    }
  });

  it('429: wait and try again', async () => {
    const { base } = await serve({ '/limit': (_q, r) => r.writeHead(429).end() });
    expect((await refusal(fetchPage(`${base}/limit`))).message).toMatch(/429 Too Many Requests.*Wait a few minutes/);
  });
});

describe('fetchPage: content types', () => {
  it('accepts HTML, XHTML, plain text and MHTML', async () => {
    const typed =
      (type: string): Handler =>
      (_q, r) =>
        r.writeHead(200, { 'content-type': type }).end('body');
    const { base } = await serve({
      '/h': typed('text/html'),
      '/x': typed('application/xhtml+xml'),
      '/t': typed('text/plain; charset=windows-1252'),
      '/m': typed('multipart/related; boundary="b"'),
      '/r': typed('message/rfc822'),
    });
    for (const p of ['/h', '/x', '/t', '/m', '/r']) expect((await fetchPage(`${base}${p}`)).status).toBe(200);
  });

  it('refuses a PDF or JSON with UNSUPPORTED_FORMAT naming the type', async () => {
    const { base } = await serve({
      '/doc.pdf': (_q, r) => r.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7'),
      '/api': (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
    });
    const pdf = await refusal(fetchPage(`${base}/doc.pdf`));
    expect(pdf.code).toBe('UNSUPPORTED_FORMAT');
    expect(pdf.message).toContain('is a application/pdf file, not a web page');
    expect((await refusal(fetchPage(`${base}/api`))).message).toContain('application/json');
  });

  it('without a Content-Type, keeps bytes that look like HTML and refuses the rest', async () => {
    const bare =
      (body: string): Handler =>
      (_q, r) => {
        r.removeHeader('content-type');
        r.writeHead(200).end(body);
      };
    const { base } = await serve({ '/html': bare(html('hi')), '/blob': bare('\x00\x01binary') });
    expect((await fetchPage(`${base}/html`)).contentType).toBe('text/html');
    const e = await refusal(fetchPage(`${base}/blob`));
    expect(e.code).toBe('UNSUPPORTED_FORMAT');
    expect(e.message).toMatch(/did not say what kind of file/);
  });
});

describe('fetchImage', () => {
  it('fetches an image/* answer, and refuses HTML and SVG', async () => {
    const { base, seen } = await serve({
      '/a.png': (_q, r) => r.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(PNG_BYTES)),
      '/pic': redirect(302, '/a.png'),
      '/login.html': page('Log in'),
      '/logo.svg': (_q, r) => r.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg/>'),
    });
    const got = await fetchImage(`${base}/pic`);
    expect(got.finalUrl).toBe(`${base}/a.png`);
    expect([...got.bytes]).toEqual([...PNG_BYTES]);
    expect(seen[0]!.headers.accept).toMatch(/^image\//);
    const notPic = await refusal(fetchImage(`${base}/login.html`));
    expect(notPic.code).toBe('UNSUPPORTED_FORMAT');
    expect(notPic.message).toMatch(/text\/html file, not a picture/);
    expect((await refusal(fetchImage(`${base}/logo.svg`))).message).toMatch(/SVG/);
  });

  it('uses the image limits unless told otherwise', async () => {
    const { base } = await serve({
      '/huge.jpg': (_q, r) => r.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(IMAGE_LIMITS.maxBytes + 1) }).end(),
    });
    const e = await refusal(fetchImage(`${base}/huge.jpg`));
    expect(e.code).toBe('TOO_LARGE');
    expect(e.message).toMatch(/The image at .* larger than the 10 MiB limit/);
  });
});

describe('images of a page from the internet stay off the local network', () => {
  it('refuses a loopback, private or localhost address before sending anything, with a message saying why', async () => {
    const { base, seen } = await serve({ '/a.png': (_q, r) => r.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(PNG_BYTES)) });
    const port = new URL(base).port;
    for (const address of [`${base}/a.png`, `http://localhost:${port}/a.png`, `http://[::1]:${port}/a.png`]) {
      const e = await refusal(fetchImage(address, { publicOnly: true }));
      expect(e.code).toBe('FETCH_FAILED');
      expect(e.message).toContain('is on this computer or the local network');
    }
    expect(seen).toHaveLength(0);
    // Without publicOnly (a page that is itself on this computer), the same image is fetched.
    expect([...(await fetchImage(`${base}/a.png`)).bytes]).toEqual([...PNG_BYTES]);
  });

  it('refuses a name that resolves to a private address, naming the address', async () => {
    const e = await refusal(fetchImage('http://printer.office.example/scan.png', { publicOnly: true, resolve: async () => ['93.184.216.34', '192.168.1.20'] }));
    expect(e.message).toContain('(192.168.1.20)');
  });

  it('refuses a name that answers "public" to the check and "local" when the connection is made (DNS rebinding), sending nothing', async () => {
    const { base, seen } = await serve({ '/a.png': (_q, r) => r.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(PNG_BYTES)) });
    const port = new URL(base).port;
    const asked: string[] = [];
    // The first answer is public (the check passes); every later one points at this computer.
    const rebinding = async (host: string) => (asked.push(host), asked.length === 1 ? ['93.184.216.34'] : ['127.0.0.1']);
    const e = await refusal(fetchImage(`http://rebind.example:${port}/a.png`, { publicOnly: true, resolve: rebinding }));
    expect(e.code).toBe('FETCH_FAILED');
    expect(e.message).toContain('is on this computer or the local network (127.0.0.1)');
    expect(asked.length).toBeGreaterThanOrEqual(2);
    expect(seen).toHaveLength(0);
  });

  it('the connection-time lookup answers with public addresses in the form the socket asks for, and refuses local ones', async () => {
    const lookup = publicOnlyLookup(async () => ['93.184.216.34', '2606:2800:220:1::1']);
    const ask = (options: object) =>
      new Promise<{ error: unknown; address: unknown; family?: number }>((resolve) =>
        lookup('news.example', options, (error, address, family) => resolve({ error, address, family })),
      );
    expect(await ask({ all: true })).toEqual({
      error: null,
      address: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
      family: undefined,
    });
    expect(await ask({})).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    expect(await ask({ family: 6 })).toEqual({ error: null, address: '2606:2800:220:1::1', family: 6 });
    const refused = await new Promise<unknown>((resolve) =>
      publicOnlyLookup(async () => ['93.184.216.34', '10.0.0.7'])('mixed.example', {}, (error) => resolve(error)),
    );
    expect(refused).toBeInstanceOf(LocalAddressError);
    expect((refused as LocalAddressError).address).toBe('10.0.0.7');
  });

  it('tells local addresses from public ones, v4, v6 and v4 mapped into v6', () => {
    const local = [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.0.10',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.251',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:192.168.1.1',
    ];
    const publicOnes = ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'];
    expect(local.filter((ip) => !isLocalAddress(ip))).toEqual([]);
    expect(publicOnes.filter(isLocalAddress)).toEqual([]);
  });
});

describe('connection failures', () => {
  it('a closed port → NETWORK, refused', async () => {
    const server = http.createServer();
    const port = await listen(server);
    servers.pop();
    await new Promise((resolve) => server.close(resolve));
    const e = await refusal(fetchPage(`http://127.0.0.1:${port}/`));
    expect(e.code).toBe('NETWORK');
    expect(e.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${port} refused the connection`));
  });

  it('an unresolvable host → NETWORK, offline or wrong address', async () => {
    const e = await refusal(fetchPage('http://glossa-does-not-exist.invalid/story'));
    expect(e.code).toBe('NETWORK');
    expect(e.message).toBe(
      'Could not reach glossa-does-not-exist.invalid: this computer seems to be offline or the address is wrong. Check the connection, or save the page in your browser and import the file.',
    );
  });

  it('a server that drops the connection → NETWORK, cut off', async () => {
    const { base } = await serve({ '/drop': (q) => q.socket.destroy() });
    const e = await refusal(fetchPage(`${base}/drop`));
    expect(e.code).toBe('NETWORK');
    expect(e.message).toMatch(/was cut off before the page arrived/);
  });

  it('https to a plain-http port → NETWORK, no secure connection', async () => {
    const { base } = await serve({ '/': page() });
    const e = await refusal(fetchPage(base.replace('http:', 'https:') + '/'));
    expect(e.code).toBe('NETWORK');
    expect(e.message).toMatch(/Could not set up a secure connection to 127\.0\.0\.1:\d+ \(ERR_SSL_/);
  });

  const haveOpenssl = (() => {
    try {
      execFileSync('openssl', ['version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!haveOpenssl)('a self-signed certificate → NETWORK, cannot be trusted (needs the openssl command)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'glossa-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          join(dir, 'k.pem'),
          '-out',
          join(dir, 'c.pem'),
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      const server = https.createServer({ key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) }, page());
      const port = await listen(server);
      const e = await refusal(fetchPage(`https://127.0.0.1:${port}/`));
      expect(e.code).toBe('NETWORK');
      expect(e.message).toMatch(/could not be trusted \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cancelling', () => {
  it("the caller's signal → CANCELLED, mid-request", async () => {
    const controller = new AbortController();
    const { base } = await serve({ '/wait': () => controller.abort() });
    const e = await refusal(fetchPage(`${base}/wait`, { signal: controller.signal }));
    expect(e.code).toBe('CANCELLED');
    expect(e.message).toMatch(/cancelled; nothing was saved/);
  });

  it('mid-body, and before it starts (no request sent)', async () => {
    const controller = new AbortController();
    const { base, seen } = await serve({
      '/body': (_q, r) => {
        r.writeHead(200, { 'content-type': 'text/html' });
        r.write('<p>first part');
        setTimeout(() => controller.abort(), 20);
      },
    });
    expect((await refusal(fetchPage(`${base}/body`, { signal: controller.signal }))).code).toBe('CANCELLED');
    expect(seen).toHaveLength(1);
    expect((await refusal(fetchImage(`${base}/body`, { signal: controller.signal }))).code).toBe('CANCELLED');
    expect(seen).toHaveLength(1);
  });
});

describe('fetchPage refuses addresses that are not http(s)', () => {
  it.each(['file:///etc/passwd', 'ftp://example.com/a', 'javascript:alert(1)', 'not a url', 'https://user:pw@example.com/'])(
    '%s → INVALID_INPUT',
    async (url) => {
      expect((await refusal(fetchPage(url))).code).toBe('INVALID_INPUT');
    },
  );
});

describe('normaliseUserUrl', () => {
  it.each([
    ['  https://example.com/story  ', 'https://example.com/story'],
    ['example.com/x', 'https://example.com/x'],
    ['www.example.com', 'https://www.example.com/'],
    ['HTTP://Example.COM/A?b=1#c', 'http://example.com/A?b=1#c'],
    ['http://news.example/path with space', 'http://news.example/path%20with%20space'],
    ['//cdn.example/a', 'https://cdn.example/a'],
    ['example.com:8080/x', 'https://example.com:8080/x'],
    ['localhost:3000/a', 'https://localhost:3000/a'],
    ['<https://example.com/a>', 'https://example.com/a'],
    ['"https://example.com/a"', 'https://example.com/a'],
    ['127.0.0.1:8080', 'https://127.0.0.1:8080/'],
    ['https://bücher.example/ä', 'https://xn--bcher-kva.example/%C3%A4'],
  ])('%s → %s', (input, out) => {
    expect(normaliseUserUrl(input)).toBe(out);
  });

  it.each([
    ['file:///home/me/a.html', /file: address.*Import file/],
    ['javascript:alert(1)', /javascript: address.*code or inline data/],
    ['data:text/html,<b>x</b>', /data: address/],
    ['ftp://example.com/a', /ftp: address.*only http:\/\/ and https:\/\//],
    ['mailto:a@example.com', /mailto: address/],
    ['C:\\Users\\me\\article.html', /a file on this computer.*Import file/],
    ['/home/me/article.html', /a file on this computer/],
    ['', /Type or paste a web address/],
    ['   ', /Type or paste a web address/],
    ['news', /not a web address/],
    ['hello world', /not a web address/],
    ['https://', /not a web address/],
    ['https://user:secret@example.com/', /user name or password/],
  ])('refuses %j with INVALID_INPUT', (input, message) => {
    const e = refusalOf(input);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(message);
  });
});
