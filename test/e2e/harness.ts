/**
 * The Playwright bridge: the built renderer in Debian's Chromium, wired to the real core
 * API on a real library folder. It binds core/api.ts exactly as electron/ipc.ts and
 * electron/preload.ts do — one loop over `windowOps`, `dispatch(..., { windowOnly: true })`,
 * envelopes handed to the page's own client (renderer/client), which throws them with `.code`
 * — so what passes here runs the same code as the app. Only the native file dialogs are stood in for (`dialogs.nextSave`,
 * `dialogs.nextOpen`), and the system keychain by an in-memory token store (`gitTokens`); storage, hashing, locking,
 * bundles and sync are the real ones. Each openApp has its own library, browser and server, so a spec may hold two at once.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { api, dispatch, windowOps, type AppEvent, type Context, type Dialogs } from '../../core/api.js';
import { appSettingsFile } from '../../core/api/app-settings-file.js';
import { SuggestWorker, type GitCredentialStore } from '../../core/api/context.js';
import { SearchService } from '../../core/search/index.js';
import { openLibrary } from '../../core/store/index.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/** GLOSSA_RENDERER_DIST lets parallel work build and test its own copy of the renderer. */
/** Where specs save their screenshots: test-results/ so the tree stays clean, or docs/screenshots/ with GLOSSA_UPDATE_SCREENSHOTS=1. */
export const SCREENSHOTS =
  process.env.GLOSSA_UPDATE_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs', 'screenshots') : join(REPO_ROOT, 'test-results', 'screenshots');
export const RENDERER_DIST = process.env.GLOSSA_RENDERER_DIST ?? join(REPO_ROOT, 'dist', 'renderer');
export const CHROMIUM = process.env.GLOSSA_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The CSP of index.html, also sent as a header as the app:// protocol does. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** What the test says the next native dialog answers. Each answer is used once. */
export interface DialogAnswers {
  /** Path the next save dialog returns; null = the user cancels. */
  nextSave: string | null;
  /** Paths the next open dialog returns; [] = the user cancels. */
  nextOpen: string[];
  /** Every dialog the app asked for, in order (title and kind), for assertions. */
  asked: { kind: 'save' | 'open'; title: string }[];
}

export interface App {
  page: Page;
  context: BrowserContext;
  browser: Browser;
  libraryDir: string;
  /** Base URL of the served renderer (index.html lives there). */
  url: string;
  dialogs: DialogAnswers;
  /** Console errors and page errors seen so far (CSP violations land here). */
  problems: string[];
  /** Events core emitted, in order. */
  events: AppEvent[];
  /** The stand-in for the system keychain (Context.gitCredentials): access tokens by remote address. */
  gitTokens: Map<string, string>;
  close(): Promise<void>;
}

export interface OpenOptions {
  libraryDir: string;
  viewport?: { width: number; height: number };
  /** What a bundle may hold (Context.bundleLimits): lowered to reach the limits with a small library. */
  bundleLimits?: Context['bundleLimits'];
  /** The person's settings file (Context.appSettings); a fresh one per run unless given, so a "restart" on the same file keeps it. */
  settingsFile?: string;
  /** The token the keychain answers for a remote it holds none for (as if kept earlier); none unless given. */
  gitToken?: string;
}

/** The keychain as the app uses it (electron keeps tokens with safeStorage), in memory: the real sync ops run against it. */
function memoryKeychain(tokens: Map<string, string>, fallback: string | undefined): GitCredentialStore {
  return {
    async get(url) {
      return tokens.get(url) ?? fallback ?? null;
    },
    async set(url, token) {
      tokens.set(url, token);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Bytes across exposeBinding: its JSON would turn a Uint8Array into {"0":…}. Both sides
// wrap them as { __bytes: base64 }.

type Json = unknown;

export function encodeBytesNode(value: unknown): Json {
  if (value instanceof Uint8Array) return { __bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeBytesNode);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeBytesNode(v)]));
  return value;
}

export function decodeBytesNode(value: Json): unknown {
  if (Array.isArray(value)) return value.map(decodeBytesNode);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.__bytes === 'string' && Object.keys(record).length === 1) return new Uint8Array(Buffer.from(record.__bytes, 'base64'));
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decodeBytesNode(v)]));
  }
  return value;
}

/**
 * Runs in the page before any of its scripts: defines window.glossaBridge the way the
 * preload does (a raw transport answering every call with an envelope, never throwing), so
 * the page's own client (renderer/client) turns failures into errors with `.code` here just
 * as in the app. Serialised by Playwright, so it must be self-contained.
 */
function installBridge(names: string[]): void {
  type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
  const w = window as unknown as Record<string, unknown> & {
    __glossaInvoke(name: string, input: unknown): Promise<Envelope>;
  };
  const encode = (value: unknown): unknown => {
    if (value instanceof Uint8Array) {
      let binary = '';
      for (let i = 0; i < value.length; i += 0x8000) binary += String.fromCharCode(...value.subarray(i, i + 0x8000));
      return { __bytes: btoa(binary) };
    }
    if (Array.isArray(value)) return value.map(encode);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
    return value;
  };
  const decode = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(decode);
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.__bytes === 'string' && Object.keys(record).length === 1) return Uint8Array.from(atob(record.__bytes), (c) => c.charCodeAt(0));
      return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, decode(v)]));
    }
    return value;
  };
  const known = new Set(names);
  const listeners = new Set<(event: unknown) => void>();
  const invoke = async (name: string, input: unknown): Promise<Envelope> => {
    if (!known.has(name)) return { ok: false, error: { code: 'INVALID_INPUT', message: `Unknown operation "${String(name)}".` } };
    try {
      return decode(await w.__glossaInvoke(name, encode(input))) as Envelope;
    } catch (e) {
      // The binding itself failed (page closing): still an answer with a code, as the preload gives.
      return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
    }
  };
  const onEvent = (listener: (event: unknown) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  const bridge = Object.freeze({ ops: Object.freeze([...names]), invoke, onEvent });
  Object.defineProperty(window, 'glossaBridge', { value: bridge, writable: false, configurable: false });
  Object.defineProperty(window, '__glossaEmit', {
    value: (event: unknown) => {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (e) {
          console.error(e);
        }
      }
    },
  });
}

// ---------------------------------------------------------------------------------------

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

/** A static server for dist/renderer on 127.0.0.1 (random port), confined to that folder. */
async function serveRenderer(root: string): Promise<{ server: Server; url: string }> {
  try {
    await stat(join(root, 'index.html'));
  } catch {
    throw new Error(`${root}/index.html is missing: build the renderer first (npx vite build).`);
  }
  const server = createServer((req, res) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      const file = resolve(root, '.' + (pathname === '/' ? '/index.html' : pathname));
      const rel = relative(root, file);
      if (rel.startsWith('..') || rel.includes(`..${sep}`) || req.method !== 'GET') {
        res.writeHead(404).end();
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, {
          'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': CSP,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-store',
        });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

export async function openApp(opts: OpenOptions): Promise<App> {
  const library = await openLibrary(opts.libraryDir);
  // The search index as the app keeps it (built now, kept current by every write), in a cache folder of its own.
  const cacheDir = await mkdtemp(join(tmpdir(), 'glossa-e2e-cache-'));
  const settingsFile = opts.settingsFile ?? join(cacheDir, 'settings.json');
  const search = await SearchService.open(library, { cacheDir });
  const { server, url } = await serveRenderer(RENDERER_DIST);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1360, height: 860 },
    reducedMotion: 'reduce',
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();

  const problems: string[] = [];
  const events: AppEvent[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));

  const answers: DialogAnswers = { nextSave: null, nextOpen: [], asked: [] };
  const dialogs: Dialogs = {
    async openFiles({ title }) {
      answers.asked.push({ kind: 'open', title });
      const paths = answers.nextOpen;
      answers.nextOpen = [];
      return paths;
    },
    async saveFile({ title }) {
      answers.asked.push({ kind: 'save', title });
      const path = answers.nextSave;
      answers.nextSave = null;
      return path;
    },
  };
  // Suggestions in a worker thread, as the app runs them (started by the first suggestion).
  const suggest = new SuggestWorker();
  const gitTokens = new Map<string, string>();
  const ctx: Context = {
    library,
    dialogs,
    search,
    suggest,
    bundleLimits: opts.bundleLimits,
    appSettings: appSettingsFile(settingsFile),
    gitCredentials: memoryKeychain(gitTokens, opts.gitToken),
    emit(event) {
      events.push(event);
      // The page may be reloading or gone; an event it misses is one it would not show.
      page.evaluate((e) => (window as unknown as { __glossaEmit?: (e: unknown) => void }).__glossaEmit?.(e), event as never).catch(() => undefined);
    },
  };

  await context.exposeBinding('__glossaInvoke', async (_source, name: string, input: unknown) =>
    encodeBytesNode(await dispatch(api, ctx, name, decodeBytesNode(input), { windowOnly: true })),
  );
  await context.addInitScript(installBridge, [...windowOps]);
  // A CSP violation (the app's own code included) is a problem every test's `problems` shows.
  await context.addInitScript(() =>
    document.addEventListener(
      'securitypolicyviolation',
      (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
      true,
    ),
  );
  await page.goto(url);

  let closed = false;
  return {
    page,
    context,
    browser,
    libraryDir: opts.libraryDir,
    url,
    dialogs: answers,
    problems,
    events,
    gitTokens,
    async close() {
      if (closed) return;
      closed = true;
      await browser.close().catch(() => undefined);
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await suggest.close();
      await library.close();
      await search.close();
      await rm(cacheDir, { recursive: true, force: true });
    },
  };
}
