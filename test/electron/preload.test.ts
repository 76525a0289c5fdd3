/**
 * The Electron binary cannot run here, so the built preload bundle is run in a bare VM realm
 * whose only module is a stand-in for electron: a contextBridge that copies values into the
 * page as Electron's does (context-bridge.ts: an error keeps its message only, class
 * instances become plain objects) and an ipcRenderer that structured-clones both ways to the
 * real dispatch() of core. The page side is the renderer's own client (renderer/client), so
 * these tests follow a call the whole way: page → bridge → IPC → core → envelope → page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, dispatch, windowOps, type Context } from '../../core/api.js';
import { op, type Op } from '../../core/api/op.js';
import { GlossaError, type GlossaErrorCode } from '../../core/model/index.js';
import { openLibrary } from '../../core/store/index.js';
import type { LibraryStore } from '../../core/store/types.js';
import { CHANNEL_PREFIX, COMMAND_CHANNEL, EVENT_CHANNEL, OPS_ARG } from '../../electron/channels.js';
import { createClient, type GlossaClient } from '../../renderer/client/client.js';
import { ClientError } from '../../renderer/client/errors.js';
import type { GlossaTransport } from '../../renderer/client/transport.js';
import { crossBridge } from './context-bridge.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
type Listener = (event: unknown, payload: unknown) => void;

/**
 * Operations only this test has, run by the real dispatch() next to the real table: core
 * failures that need a network or a long task to happen for real, and bytes on the way back.
 */
const extra: Record<string, Op> = {
  failWith: op(z.object({ code: z.string() }), async (_ctx, { code }) => {
    throw new GlossaError(code as GlossaErrorCode, `Failed on purpose with ${code}.`);
  }),
  echoBytes: op(z.object({ bytes: z.instanceof(Uint8Array) }), async (_ctx, { bytes }) => ({ bytes, nested: [{ copy: bytes.slice(1) }] })),
  crash: op(z.object({}), async () => {
    throw new Error('Something unexpected broke.');
  }),
};
const table: Record<string, Op> = { ...api, ...extra };

interface Loaded {
  /** What the page sees on window, already across the stand-in contextBridge. */
  page: Record<string, unknown>;
  invoked: [string, unknown][];
  listeners: Map<string, Set<Listener>>;
  required: string[];
}

let code = '';
let library: LibraryStore;
let ctx: Context;

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'glossa-preload-'));
  execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), '--only', 'preload', '--outdir', out], { cwd: root, stdio: 'pipe' });
  code = readFileSync(join(out, 'preload.cjs'), 'utf8');
  library = await openLibrary(mkdtempSync(join(tmpdir(), 'glossa-preload-lib-')));
  ctx = { library, dialogs: { openFiles: async () => [], saveFile: async () => null }, emit: () => undefined };
});

afterAll(async () => {
  await library?.close();
});

/** The main side of IPC: the real dispatch, structured clone on the way in and out. */
async function mainProcess(channel: string, input: unknown): Promise<unknown> {
  if (!channel.startsWith(CHANNEL_PREFIX)) throw new Error(`No handler registered for '${channel}'`);
  const name = channel.slice(CHANNEL_PREFIX.length);
  return structuredClone(await dispatch(table, ctx, name, structuredClone(input), { windowOnly: true }));
}

/** Runs the bundle as Electron would in a sandboxed renderer with the given process.argv. */
function load(argv: string[], reply: (channel: string, input: unknown) => unknown = mainProcess): Loaded {
  const loaded: Loaded = { page: {}, invoked: [], listeners: new Map(), required: [] };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (loaded.page[key] = crossBridge(value)) },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => {
        loaded.invoked.push([channel, input]);
        return reply(channel, input);
      },
      on: (channel: string, listener: Listener) => {
        if (!loaded.listeners.has(channel)) loaded.listeners.set(channel, new Set());
        loaded.listeners.get(channel)!.add(listener);
      },
      removeListener: (channel: string, listener: Listener) => loaded.listeners.get(channel)?.delete(listener),
    },
  };
  const module = { exports: {} };
  const require = (id: string) => {
    loaded.required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require "${id}"`);
  };
  runInNewContext(code, { require, module, exports: module.exports, process: { argv } });
  return loaded;
}

const appArgv = (names: readonly string[] = [...windowOps, ...Object.keys(extra)]) => ['electron', OPS_ARG + names.join(',')];
const bridgeOf = (loaded: Loaded) => loaded.page.glossaBridge as GlossaTransport;
/** The page's client over the preload, as renderer/client builds it in the app. */
const clientOf = (loaded: Loaded) => createClient(bridgeOf(loaded)) as GlossaClient & Record<string, (input: unknown) => Promise<unknown>>;

async function failure(promise: Promise<unknown>): Promise<ClientError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(ClientError);
  return error as ClientError;
}

describe('the stand-in contextBridge', () => {
  it('drops what Electron drops, so a preload that throws loses the code', async () => {
    const exposed = crossBridge({
      throws: () => {
        throw Object.assign(new Error('Export cancelled.'), { code: 'CANCELLED' });
      },
      rejects: async () => {
        throw Object.assign(new Error('Too big.'), { code: 'TOO_LARGE' });
      },
      instance: new (class Point {
        constructor(readonly x = 1) {}
        get double() {
          return this.x * 2;
        }
      })(),
    }) as { throws(): void; rejects(): Promise<void>; instance: object };
    expect(() => exposed.throws()).toThrow('Export cancelled.');
    expect(
      (() => {
        try {
          exposed.throws();
        } catch (e) {
          return (e as { code?: string }).code;
        }
      })(),
    ).toBeUndefined();
    const rejected = await exposed.rejects().catch((e: unknown) => e);
    expect((rejected as Error).message).toBe('Too big.');
    expect((rejected as { code?: string }).code).toBeUndefined();
    expect(Object.getPrototypeOf(exposed.instance)).toBe(Object.prototype);
    expect(exposed.instance).toEqual({ x: 1 });
  });
});

describe('the preload bundle', () => {
  it('requires only electron', () => {
    const loaded = load(appArgv());
    expect(new Set(loaded.required)).toEqual(new Set(['electron']));
  });

  it('exposes one raw transport whose names are the window operations, and only those', () => {
    const loaded = load(appArgv(windowOps));
    expect(Object.keys(loaded.page)).toEqual(['glossaBridge']);
    const bridge = bridgeOf(loaded);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onCommand', 'onEvent', 'ops']);
    expect([...bridge.ops].sort()).toEqual([...windowOps].sort());
    const client = clientOf(loaded);
    expect(Object.keys(client).sort()).toEqual([...windowOps, 'onEvent', 'onCommand'].sort());
    const pathOps = Object.keys(api).filter((name) => !windowOps.includes(name as never));
    expect(pathOps.length).toBeGreaterThan(0);
    for (const name of pathOps) expect(Object.keys(client)).not.toContain(name);
  });

  it.each(['CANCELLED', 'TOO_LARGE', 'NETWORK', 'TIMEOUT', 'LIBRARY_LOCKED'])(
    'brings a %s failure to the page as a thrown error with that code',
    async (errorCode) => {
      const client = clientOf(load(appArgv()));
      const error = await failure(client.failWith!({ code: errorCode }));
      expect(error.code).toBe(errorCode);
      expect(error.message).toBe(`Failed on purpose with ${errorCode}.`);
    },
  );

  it('keeps the codes of real core failures: NOT_FOUND, INVALID_INPUT, and INTERNAL for a crash', async () => {
    const client = clientOf(load(appArgv()));
    const missing = await failure(client.openSnapshot({ id: 'no-such-snapshot' }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toContain('no-such-snapshot');
    const invalid = await failure(client.openSnapshot({ id: 42 } as never));
    expect(invalid.code).toBe('INVALID_INPUT');
    expect(invalid.message).toMatch(/^Invalid request \(at id\)/);
    const crashed = await failure(client.crash!({}));
    expect(crashed).toMatchObject({ code: 'INTERNAL', message: 'Something unexpected broke.' });
  });

  it('carries values intact: bytes both ways, records, and what core returns', async () => {
    const loaded = load(appArgv());
    const client = clientOf(loaded);
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
    const echoed = (await client.echoBytes!({ bytes })) as { bytes: Uint8Array; nested: { copy: Uint8Array }[] };
    expect(echoed.bytes).toBeInstanceOf(Uint8Array);
    expect([...echoed.bytes]).toEqual([...bytes]);
    expect(echoed.nested[0]!.copy).toBeInstanceOf(Uint8Array);
    expect([...echoed.nested[0]!.copy]).toEqual([...bytes.slice(1)]);

    // importFiles validates its input with z.instanceof(Uint8Array): bytes turned into a plain object would be refused.
    const text = new TextEncoder().encode('Ferry Report\n\nThe ferry carried 212 passengers on Sunday.');
    const results = await client.importFiles({ files: [{ name: 'ferry.txt', data: text }] });
    expect(results).toMatchObject([{ name: 'ferry.txt', ok: true }]);
    const [row] = await client.listSnapshots({});
    expect(row).toMatchObject({ title: 'Ferry Report' });
    const opened = await client.openSnapshot({ id: row!.id });
    expect(opened.text).toContain('212 passengers');
    expect(loaded.invoked.map(([channel]) => channel)).toEqual([
      CHANNEL_PREFIX + 'echoBytes',
      CHANNEL_PREFIX + 'importFiles',
      CHANNEL_PREFIX + 'listSnapshots',
      CHANNEL_PREFIX + 'openSnapshot',
    ]);
  });

  it('refuses names main did not give it, without touching IPC', async () => {
    const loaded = load(appArgv(['listSnapshots']));
    const bridge = bridgeOf(loaded);
    for (const name of ['importPaths', 'exportBundle', '__proto__', 'constructor', 'toString', '']) {
      await expect(bridge.invoke(name, {})).resolves.toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: `Unknown operation "${name}".` } });
    }
    await expect(bridge.invoke(42 as never, {})).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(loaded.invoked).toEqual([]);
  });

  it('ignores names in argv that are not plain identifiers', () => {
    const loaded = load(['electron', `${OPS_ARG}listSnapshots,__proto__,constructor.x,,a-b,glossa:event`]);
    expect([...bridgeOf(loaded).ops]).toEqual(['listSnapshots']);
    expect(Object.keys(clientOf(loaded)).sort()).toEqual(['listSnapshots', 'onCommand', 'onEvent']);
  });

  it('answers an IPC failure (main gone, uncloneable input) with an envelope, never a throw', async () => {
    const loaded = load(appArgv(), (channel) => {
      throw new Error(`Error invoking remote method '${channel}': Error: An object could not be cloned.`);
    });
    await expect(bridgeOf(loaded).invoke('listSnapshots', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringContaining('could not be cloned') },
    });
    const error = await failure(clientOf(loaded).listSnapshots({}));
    expect(error.code).toBe('INTERNAL');
  });

  it('refuses an answer that is not an envelope instead of passing it on as a value', async () => {
    for (const answer of [undefined, null, 'ok', { ok: 'yes', value: 1 }, { ok: false, error: 'boom' }, { ok: false, error: { code: 1, message: 'x' } }]) {
      const client = clientOf(load(appArgv(), () => answer));
      expect((await failure(client.listSnapshots({}))).code).toBe('INTERNAL');
    }
  });

  it('subscribes to events and commands and unsubscribes', () => {
    const loaded = load(appArgv());
    const client = clientOf(loaded);
    for (const [subscribe, channel, payload] of [
      ['onEvent', EVENT_CHANNEL, { type: 'library-changed' }],
      ['onCommand', COMMAND_CHANNEL, { type: 'undo' }],
    ] as const) {
      const seen: unknown[] = [];
      const unsubscribe = (client[subscribe] as (l: (p: unknown) => void) => () => void)((p) => seen.push(p));
      for (const listener of loaded.listeners.get(channel) ?? []) listener({}, payload);
      expect(seen).toEqual([payload]);
      unsubscribe();
      expect(loaded.listeners.get(channel)?.size ?? 0).toBe(0);
    }
  });
});
