/**
 * A git host on 127.0.0.1 for tests and the sync benchmark: Debian's `git http-backend` (the
 * CGI program every git web host wraps) behind a small Node server, serving bare repositories
 * under one folder over smart HTTP, with HTTP basic authentication by token.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface GitHost {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** Creates an empty bare repository and returns its address. */
  createRepo(name: string): string;
  /** The bare repository's folder (to inspect it with git). */
  repoDir(name: string): string;
  /** Requests served so far (to check a step talked to the host, or did not). */
  requests: number;
  /** Makes every request fail as if the network were down (the socket is closed). */
  offline: boolean;
  close(): Promise<void>;
}

export interface GitHostOptions {
  /** Folder holding the bare repositories. */
  root: string;
  /** When set, every request must carry it as the basic-auth password (any user name). */
  token?: string;
}

const GIT_BACKEND = '/usr/lib/git-core/git-http-backend';

function password(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

export async function startGitHost(opts: GitHostOptions): Promise<GitHost> {
  mkdirSync(opts.root, { recursive: true });
  const host: GitHost = {
    origin: '',
    requests: 0,
    offline: false,
    createRepo(name) {
      const dir = join(opts.root, `${name}.git`);
      execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
      // Pushes over HTTP need receive-pack switched on (http-backend refuses anonymous pushes otherwise).
      execFileSync('git', ['-C', dir, 'config', 'http.receivepack', 'true']);
      return `${host.origin}/${name}.git`;
    },
    repoDir: (name) => join(opts.root, `${name}.git`),
    close: () => new Promise((done) => server.close(() => done())),
  };
  const server: Server = createServer((req, res) => {
    host.requests++;
    if (host.offline) {
      req.socket.destroy();
      return;
    }
    if (opts.token !== undefined && password(req) !== opts.token) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="test git host"' });
      res.end('authentication required');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const child = spawn(GIT_BACKEND, [], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        GIT_PROJECT_ROOT: opts.root,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: 'tester',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      },
    });
    req.pipe(child.stdin);
    // CGI output: headers, a blank line, then the body.
    let head = Buffer.alloc(0);
    let headersDone = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = parseInt(value, 10);
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      res.write(head.subarray(end + 4));
    });
    child.stdout.on('end', () => res.end());
    child.on('error', () => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  host.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return host;
}
