/**
 * One instance, files from the file manager: the built main process (dist/electron/main.cjs,
 * built to a temp folder) run against the Electron stand-in (fake-electron.cjs), which hands it
 * files as the system does — argv of the first launch, `second-instance` (Windows, Linux),
 * `open-file` (macOS) — and answers the window's commands as the page does. A bundle reaches
 * the import preview without the page ever naming a path; a saved page is imported; anything
 * else on the command line (options, folders, missing files, other kinds) is ignored.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, dispatch, type Context } from '../../core/api.js';
import { openLibrary } from '../../core/store/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const harness = join(root, 'test', 'electron', 'fake-electron.cjs');

interface Preview {
  ok: boolean;
  value: { cancelled: boolean; token: string | null; preview: { ok: boolean; counts?: unknown } };
}
interface Report {
  windows: unknown[];
  commands: { type: string }[];
  focus: string[];
  openDialogs: string[];
  errorBoxes: { title: string; message: string }[];
  opened: Record<string, { previews: Preview[]; listed: string[] }> & { later: Preview };
}

let mainCjs = '';
let appPath = '';
let files = '';

beforeAll(async () => {
  const app = mkdtempSync(join(tmpdir(), 'glossa-open-main-'));
  const out = join(app, 'dist', 'electron');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), '--outdir', out], { cwd: root, stdio: 'pipe' });
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
  mainCjs = join(out, 'main.cjs');
  appPath = mkdtempSync(join(tmpdir(), 'glossa-open-app-'));
  mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Glossa</title>');

  // What a person double-clicks: a bundle from another library, and a saved page.
  files = mkdtempSync(join(tmpdir(), 'glossa-open-files-'));
  const other = await openLibrary(join(files, 'other-library'));
  const ctx: Context = { library: other, dialogs: { openFiles: async () => [], saveFile: async () => null }, emit: () => undefined };
  await dispatch(api as never, ctx, 'importText', { text: 'Shared Story\n\nThe bridge reopened after 14 months of repairs.' }, { windowOnly: false });
  const exported = await dispatch(api as never, ctx, 'exportBundle', { path: join(files, 'shared.glossa') }, { windowOnly: false });
  expect(exported.ok).toBe(true);
  await other.close();
  writeFileSync(
    join(files, 'saved page.html'),
    '<!doctype html><html><head><title>Saved</title></head><body><article><h1>Saved Page</h1><p>The harbour authority approved the new pier on Tuesday evening.</p><p>It will open next spring.</p></article></body></html>',
  );
  // Look like files Glossa opens, but are not to be opened.
  mkdirSync(join(files, 'folder.glossa'));
  writeFileSync(join(files, 'program.exe'), 'MZ');
});

function runMain(open: object): Promise<Report> {
  const userData = mkdtempSync(join(tmpdir(), 'glossa-open-userdata-'));
  const env = {
    ...process.env,
    XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'glossa-open-cache-')),
    GLOSSA_LIBRARY: join(userData, 'library'),
    GLOSSA_FAKE_OPEN: JSON.stringify(open),
  };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [harness, mainCjs, appPath, userData], { env }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Report);
    });
  });
}

const hostile = (dir: string) => [
  '--inspect=9229',
  '--enable-logging',
  join(dir, 'folder.glossa'),
  join(dir, 'missing.glossa'),
  join(dir, 'program.exe'),
  '--x.html',
  'app\0.glossa',
];

describe('files handed to the one window', () => {
  it('a bundle on the first launch goes to the import preview, with no path from the page and no dialog', async () => {
    const report = await runMain({ argv: [...hostile(files), join(files, 'shared.glossa')] });
    const [preview, ...more] = report.opened.firstLaunch!.previews;
    expect(more).toEqual([]);
    // Asked once: the page took the bundle at once, so main did not ask again.
    expect(report.commands).toEqual([{ type: 'import-bundle' }]);
    expect(preview).toMatchObject({ ok: true, value: { cancelled: false, token: expect.any(String), preview: { ok: true } } });
    // The bundle was offered once: only the page asking again afterwards got the native dialog (cancelled here).
    expect(report.opened.later).toMatchObject({ ok: true, value: { cancelled: true } });
    expect(report.openDialogs).toEqual(['Import annotation bundle']);
    expect(report.errorBoxes).toEqual([]);
  });

  it('asks the page again when it was not yet listening, until it takes the bundle', async () => {
    const report = await runMain({ argv: [join(files, 'shared.glossa')], missFirstCommand: true });
    expect((report as unknown as { missed: unknown[] }).missed).toEqual([{ type: 'import-bundle' }]);
    expect(report.commands).toEqual([{ type: 'import-bundle' }, { type: 'import-bundle' }]);
    const previews = report.opened.firstLaunch!.previews;
    expect(previews).toHaveLength(1);
    expect(previews[0]).toMatchObject({ ok: true, value: { cancelled: false, preview: { ok: true } } });
    // Taken: no further asks, and the page picking again gets the native dialog.
    expect(report.opened.later).toMatchObject({ ok: true, value: { cancelled: true } });
  });

  it('a second launch focuses the running window and hands over its bundle and saved page (relative to its folder)', async () => {
    const report = await runMain({ secondArgv: ['/opt/Glossa/glossa', ...hostile(files), 'shared.glossa', 'saved page.html'], cwd: files });
    expect(report.windows).toHaveLength(1);
    expect(report.focus).toEqual(['restore', 'focus']);
    expect(report.opened.firstLaunch!.previews).toEqual([]);
    const second = report.opened.secondInstance!;
    expect(second.previews).toHaveLength(1);
    expect(second.previews[0]).toMatchObject({ ok: true, value: { cancelled: false, preview: { ok: true } } });
    expect(second.listed).toEqual(['Saved']);
    expect(report.errorBoxes).toEqual([]);
  });

  it('macOS open-file of a saved page imports it; of anything else, nothing', async () => {
    const page = await runMain({ openFile: join(files, 'saved page.html') });
    expect(page.opened.openFile!.listed).toEqual(['Saved']);
    const other = await runMain({ openFile: join(files, 'program.exe') });
    expect(other.opened.openFile).toEqual({ previews: [], listed: [] });
    const folder = await runMain({ openFile: join(files, 'folder.glossa') });
    expect(folder.opened.openFile).toEqual({ previews: [], listed: [] });
  });
});
