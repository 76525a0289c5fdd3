/**
 * The app on a library it cannot write (a read-only medium): the built main process opens it,
 * tells the person why nothing can be changed, and every write the window asks for fails with
 * that reason while reading works. Needs a read-only bind mount (root on Linux), else skipped.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, dispatch, type Context } from '../../core/api.js';
import { openLibrary } from '../../core/store/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** util-linux's mount(8) and umount(8). */
const [MOUNT, UMOUNT] = ['mount', 'umount'];

function mountReadOnly(dir: string): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execFileSync(MOUNT, ['--bind', dir, dir], { stdio: 'ignore' });
  } catch {
    return false;
  }
  try {
    execFileSync(MOUNT, ['-o', 'remount,ro,bind', dir], { stdio: 'ignore' });
    return true;
  } catch {
    execFileSync(UMOUNT, [dir], { stdio: 'ignore' });
    return false;
  }
}

const library = join(mkdtempSync(join(tmpdir(), 'glossa-ro-app-')), 'library');
let mounted = false;
let mainCjs = '';
let appPath = '';

beforeAll(async () => {
  const lib = await openLibrary(library);
  const ctx: Context = { library: lib, dialogs: { openFiles: async () => [], saveFile: async () => null }, emit: () => undefined };
  await dispatch(api as never, ctx, 'importText', { text: 'Kept Story\n\nThe museum reopened its east wing on Friday.' }, { windowOnly: false });
  await lib.close();
  mounted = mountReadOnly(library);
  if (!mounted) return;
  const app = mkdtempSync(join(tmpdir(), 'glossa-ro-main-'));
  const out = join(app, 'dist', 'electron');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), '--outdir', out], { cwd: root, stdio: 'pipe' });
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
  mainCjs = join(out, 'main.cjs');
  appPath = mkdtempSync(join(tmpdir(), 'glossa-ro-apppath-'));
  mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Glossa</title>');
});

afterAll(() => {
  if (mounted) execFileSync(UMOUNT, [library]);
  rmSync(dirname(library), { recursive: true, force: true });
});

describe('a library on a read-only medium in the app', () => {
  it('opens, says it is read-only and why, reads, and refuses writes with the reason', async (t) => {
    if (!mounted) return t.skip('needs a read-only bind mount (root on Linux)');
    const userData = mkdtempSync(join(tmpdir(), 'glossa-ro-userdata-'));
    const env = { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'glossa-ro-cache-')), GLOSSA_LIBRARY: library };
    const report = await new Promise<{
      windows: unknown[];
      exits: number[];
      errorBoxes: { title: string; message: string }[];
      ipc: Record<string, { ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
    }>((resolve, reject) =>
      execFile(process.execPath, [join(root, 'test', 'electron', 'fake-electron.cjs'), mainCjs, appPath, userData], { env }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as never),
      ),
    );
    expect(report.exits).toEqual([]);
    expect(report.windows).toHaveLength(1);
    expect(report.errorBoxes).toEqual([{ title: 'Glossa', message: 'This library is open for reading only.' }]);
    expect(report.ipc.list).toMatchObject({ ok: true, value: [{ title: 'Kept Story' }] });
    expect(report.ipc.imported).toMatchObject({
      ok: false,
      error: { code: 'WRITE_FAILED', message: expect.stringMatching(/is on a read-only disk, so it is open for reading only/) },
    });
  });
});
