/**
 * Settings in the desktop app: the built main process (dist/electron/main.cjs, built to a temp
 * folder) run against the Electron stand-in of fake-electron-settings.cjs. The menu has a
 * Settings… item (Ctrl/Cmd+,) that opens Settings in the page; the person's settings live in
 * <userData>/settings.json; "New library…" and "Open another library…" pick a folder natively,
 * refuse the wrong kind of folder with the current library still open, switch the window's
 * library (the old one's lock released), and the next launch opens the chosen library.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const harness = join(root, 'test', 'electron', 'fake-electron-settings.cjs');

type Envelope =
  { ok: true; value: Record<string, unknown> & { library?: { dir: string; canSwitch: boolean } } } | { ok: false; error: { code: string; message: string } };
interface Report {
  menus: { label: string; items: string[] }[][];
  settingsItem: { accelerator: string } | null;
  commands: { type: string }[];
  pickers: { title: string; properties: string[] }[];
  steps: { name: string; result: Envelope }[];
  locks: boolean[];
  errorBoxes: { title: string; message: string }[];
  exits: number[];
}

let mainCjs = '';
let appPath = '';
const cacheHome = mkdtempSync(join(tmpdir(), 'glossa-settings-cache-'));

beforeAll(() => {
  const app = mkdtempSync(join(tmpdir(), 'glossa-settings-main-'));
  const out = join(app, 'dist', 'electron');
  execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.mjs'), '--outdir', out], { cwd: root, stdio: 'pipe' });
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
  mainCjs = join(out, 'main.cjs');
  appPath = mkdtempSync(join(tmpdir(), 'glossa-settings-app-'));
  mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Glossa</title>');
}, 120_000);

function runMain(userData: string, steps: [string, unknown][], picks: (string | null)[] = [], env: Record<string, string> = {}): Promise<Report> {
  const vars = { ...process.env, XDG_CACHE_HOME: cacheHome, GLOSSA_FAKE_STEPS: JSON.stringify(steps), GLOSSA_FAKE_PICKS: JSON.stringify(picks), ...env };
  delete (vars as Record<string, string | undefined>).GLOSSA_LIBRARY;
  Object.assign(vars, env);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [harness, mainCjs, appPath, userData], { env: vars }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Report);
    });
  });
}

const value = (r: Report, i: number) => {
  const step = r.steps[i]!;
  if (!step.result.ok) throw new Error(`${step.name} failed: ${step.result.error.message}`);
  return step.result.value;
};
const failure = (r: Report, i: number) => {
  const step = r.steps[i]!;
  if (step.result.ok) throw new Error(`${step.name} should have failed`);
  return step.result.error;
};

describe('Settings in the desktop app', () => {
  const userData = mkdtempSync(join(tmpdir(), 'glossa-settings-userdata-'));
  const first = join(userData, 'first-library');
  const places = mkdtempSync(join(tmpdir(), 'glossa-settings-places-'));
  const notEmpty = join(places, 'notes');
  const plain = join(places, 'plain');
  const fresh = join(places, 'new library');
  let run1: Report;
  let run2: Report;

  beforeAll(async () => {
    mkdirSync(notEmpty);
    writeFileSync(join(notEmpty, 'todo.txt'), 'not a library');
    mkdirSync(plain);
    run1 = await runMain(
      userData,
      [
        ['appSettings', {}],
        ['updateAppSettings', { name: ' Ada Reporter ', email: 'ada@example.org' }],
        ['importText', { text: 'First Library Story\n\nThe ferry carried 212 passengers.' }],
        ['switchLibrary', { kind: 'new' }], // a folder with files in it: refused
        ['switchLibrary', { kind: 'open' }], // a folder that is no library: refused
        ['switchLibrary', { kind: 'new' }], // cancelled
        ['listSnapshots', {}], // the first library is still open
        ['lock?', first],
        ['switchLibrary', { kind: 'new' }], // an empty folder the picker created
        ['lock?', first],
        ['importText', { text: 'New Library Story\n\nThe bridge reopened after 14 months.' }],
        ['listSnapshots', {}],
        ['appSettings', {}],
        ['updateAppSettings', { language: 'es' }],
      ],
      [notEmpty, plain, null, fresh],
      { GLOSSA_LIBRARY: first },
    );
    // The next launch: no library named in the environment; the one chosen in Settings opens.
    run2 = await runMain(
      userData,
      [
        ['appSettings', {}],
        ['listSnapshots', {}],
        ['switchLibrary', { kind: 'open' }],
        ['listSnapshots', {}],
      ],
      [first],
    );
  }, 120_000);

  it('has a Settings… menu item on Ctrl/Cmd+, that opens Settings in the page', () => {
    expect(run1.exits).toEqual([]);
    expect(run1.settingsItem).toEqual({ accelerator: 'CmdOrCtrl+,' });
    expect(run1.menus[0]!.find((m) => m.label === '&File')!.items).toContain('Settings…');
    expect(run1.commands).toContainEqual({ type: 'settings' });
    // Edit ▸ Move to Trash hands the page its command; the page's Delete key does the same.
    expect(run1.menus[0]!.find((m) => m.label === '&Edit')!.items).toContain('Move to Trash');
    expect(run1.commands).toContainEqual({ type: 'move-to-trash' });
  });

  it('keeps the person’s settings in <userData>/settings.json, and the window may switch libraries', () => {
    expect(value(run1, 0).library).toEqual({ dir: first, canSwitch: true });
    expect(value(run1, 1)).toMatchObject({ name: 'Ada Reporter', email: 'ada@example.org' });
  });

  it('refuses a folder of the wrong kind, or a cancel, with the current library still open', () => {
    expect(failure(run1, 3)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(`${notEmpty} is not empty`) });
    expect(failure(run1, 4)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(`${plain} is not a Glossa library`) });
    expect(value(run1, 5)).toEqual({ cancelled: true, dir: null });
    expect((value(run1, 6) as unknown as { title: string }[]).map((s) => s.title)).toEqual(['First Library Story']);
    expect(run1.pickers.map((p) => p.properties)).toEqual([
      ['openDirectory', 'createDirectory', 'promptToCreate'],
      ['openDirectory'],
      ['openDirectory', 'createDirectory', 'promptToCreate'],
      ['openDirectory', 'createDirectory', 'promptToCreate'],
    ]);
  });

  it('opens a new library in place of the current one, releasing the old one’s lock', () => {
    expect(value(run1, 7)).toEqual({ cancelled: false, dir: fresh });
    expect(run1.locks).toEqual([true, false]);
    expect((value(run1, 9) as unknown as { title: string }[]).map((s) => s.title)).toEqual(['New Library Story']);
    expect(value(run1, 10).library).toEqual({ dir: fresh, canSwitch: true });
  });

  it('opens the chosen library at the next launch, and can open the other one again', () => {
    expect(run2.exits).toEqual([]);
    expect(value(run2, 0)).toMatchObject({ name: 'Ada Reporter', library: { dir: fresh, canSwitch: true } });
    expect((value(run2, 1) as unknown as { title: string }[]).map((s) => s.title)).toEqual(['New Library Story']);
    expect(value(run2, 2)).toEqual({ cancelled: false, dir: first });
    expect((value(run2, 3) as unknown as { title: string }[]).map((s) => s.title)).toEqual(['First Library Story']);
    // The choice is remembered beside the person's own settings, which it leaves as they were.
    const stored = JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(stored).toEqual({ name: 'Ada Reporter', email: 'ada@example.org', language: 'es', libraryDir: first });
  });

  it('speaks the window’s language in its menu: English from the system, Spanish once chosen, and at the next launch', () => {
    const tops = (menus: Report['menus'][number]) => menus.map((m) => m.label);
    expect(tops(run1.menus[0]!)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(value(run1, 11)).toMatchObject({ language: 'es' });
    expect(tops(run1.menus.at(-1)!)).toEqual(['&Archivo', '&Edición', '&Ver', 'A&yuda']);
    expect(run1.menus.at(-1)!.find((m) => m.label === '&Archivo')!.items).toContain('Ajustes…');
    expect(tops(run2.menus[0]!)).toEqual(['&Archivo', '&Edición', '&Ver', 'A&yuda']);
  });
});
