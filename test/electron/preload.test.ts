/**
 * The Electron binary cannot run here, so the built preload bundle is run in a bare VM
 * context whose only module is a stand-in for electron's contextBridge and ipcRenderer.
 * This checks what the real sandbox needs: the bundle requires nothing but 'electron', it
 * exposes exactly the window operations of core/api.ts plus onEvent/onCommand, and each call
 * travels on glossa:<name> with errors turned back into rejections with the message.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_PREFIX, COMMAND_CHANNEL, EVENT_CHANNEL, OPS_ARG } from '../../electron/channels.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
type Listener = (event: unknown, payload: unknown) => void;

interface Loaded {
  exposed: Record<string, Record<string, (...args: unknown[]) => unknown>>;
  invoked: [string, unknown][];
  listeners: Map<string, Set<Listener>>;
  required: string[];
}

let code = '';
let windowOps: string[] = [];
let allOps: string[] = [];

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'glossa-preload-'));
  execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), '--only', 'preload', '--outdir', out], { cwd: root, stdio: 'pipe' });
  code = readFileSync(join(out, 'preload.cjs'), 'utf8');
  const core = await import('../../core/api.js');
  windowOps = [...core.windowOps];
  allOps = Object.keys(core.api);
});

/** Runs the bundle as Electron would in a sandboxed renderer with the given process.argv. */
function load(argv: string[], reply: (channel: string, input: unknown) => unknown): Loaded {
  const loaded: Loaded = { exposed: {}, invoked: [], listeners: new Map(), required: [] };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: Record<string, (...args: unknown[]) => unknown>) => (loaded.exposed[key] = value) },
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

describe('the preload bundle', () => {
  it('requires only electron', () => {
    const loaded = load(['electron', OPS_ARG + windowOps.join(',')], () => ({ ok: true, value: null }));
    expect(new Set(loaded.required)).toEqual(new Set(['electron']));
  });

  it('exposes every window operation, and only those, plus the two subscriptions', () => {
    const loaded = load(['electron', OPS_ARG + windowOps.join(',')], () => ({ ok: true, value: null }));
    const keys = Object.keys(loaded.exposed.glossa ?? {});
    expect(keys.sort()).toEqual([...windowOps, 'onEvent', 'onCommand'].sort());
    const pathOps = allOps.filter((name) => !windowOps.includes(name));
    expect(pathOps.length).toBeGreaterThan(0);
    for (const name of pathOps) expect(keys).not.toContain(name);
  });

  it('invokes glossa:<name> and unwraps the envelope', async () => {
    const loaded = load(['electron', OPS_ARG + windowOps.join(',')], (channel) =>
      channel === CHANNEL_PREFIX + 'listSnapshots'
        ? { ok: true, value: [{ id: 's1' }] }
        : { ok: false, error: { code: 'NOT_FOUND', message: 'No snapshot with id "x"; it may have been deleted.' } },
    );
    const glossa = loaded.exposed.glossa!;
    await expect(glossa.listSnapshots!({})).resolves.toEqual([{ id: 's1' }]);
    await expect(glossa.openSnapshot!({ id: 'x' })).rejects.toThrow('No snapshot with id "x"; it may have been deleted.');
    expect(loaded.invoked).toEqual([
      [CHANNEL_PREFIX + 'listSnapshots', {}],
      [CHANNEL_PREFIX + 'openSnapshot', { id: 'x' }],
    ]);
  });

  it('subscribes to events and commands and unsubscribes', () => {
    const loaded = load(['electron', OPS_ARG + windowOps.join(',')], () => ({ ok: true, value: null }));
    const glossa = loaded.exposed.glossa!;
    for (const [subscribe, channel, payload] of [
      ['onEvent', EVENT_CHANNEL, { type: 'library-changed' }],
      ['onCommand', COMMAND_CHANNEL, { type: 'undo' }],
    ] as const) {
      const seen: unknown[] = [];
      const unsubscribe = glossa[subscribe]!((p: unknown) => seen.push(p)) as () => void;
      for (const listener of loaded.listeners.get(channel) ?? []) listener({}, payload);
      expect(seen).toEqual([payload]);
      unsubscribe();
      expect(loaded.listeners.get(channel)?.size ?? 0).toBe(0);
    }
  });

  it('ignores names that are not plain identifiers', () => {
    const loaded = load(['electron', `${OPS_ARG}listSnapshots,__proto__,constructor.x,,a-b`], () => ({ ok: true, value: null }));
    expect(Object.keys(loaded.exposed.glossa ?? {}).sort()).toEqual(['listSnapshots', 'onCommand', 'onEvent']);
  });
});
