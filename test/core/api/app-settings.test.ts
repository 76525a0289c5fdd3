/**
 * The person's settings (core/api/app-settings.ts) through dispatch, on a real settings file:
 * names trimmed and bounded, e-mails checked, unknown number formats refused, nothing written
 * when a value is refused, keys of others (the shell's libraryDir) kept, a damaged file kept
 * aside rather than overwritten, and a shell without a settings file or a library switcher
 * answering UNAVAILABLE.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, dispatch, type Context } from '../../../core/api.js';
import { appSettingsFile } from '../../../core/api/app-settings-file.js';
import { openLibrary, type Library } from '../../../core/store/index.js';

let dir = '';
let library: Library;
let ctx: Context;
const file = () => join(dir, 'settings.json');
const call = (name: string, input: unknown, c: Context = ctx) => dispatch(api as never, c, name, input, { windowOnly: true });
const stored = async () => JSON.parse(await readFile(file(), 'utf8')) as Record<string, unknown>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glossa-app-settings-'));
  library = await openLibrary(join(dir, 'library'));
  ctx = { library, dialogs: { openFiles: async () => [], saveFile: async () => null }, emit: () => undefined, appSettings: appSettingsFile(file()) };
});
afterEach(async () => {
  await library.close();
  await rm(dir, { recursive: true, force: true });
});

describe('app settings', () => {
  it('reads the defaults when there is no file, with the open library and no switching', async () => {
    expect(await call('appSettings', {})).toEqual({
      ok: true,
      value: {
        name: '',
        email: '',
        theme: 'system',
        language: 'system',
        numberFormat: 'system',
        syncEveryMinutes: 0,
        library: { dir: library.dir, canSwitch: false },
      },
    });
  });

  it('keeps the window’s language, refuses one it does not speak, and reads an unknown stored one as the system’s', async () => {
    expect(await call('updateAppSettings', { language: 'es' })).toMatchObject({ ok: true, value: { language: 'es' } });
    expect((await stored()).language).toBe('es');
    expect(await call('updateAppSettings', { language: 'xx' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await stored()).language).toBe('es');
    await writeFile(file(), JSON.stringify({ language: 'klingon' }));
    expect(await call('appSettings', {})).toMatchObject({ ok: true, value: { language: 'system' } });
  });

  it('keeps how often a shared library syncs by itself, and refuses an interval it does not offer', async () => {
    expect(await call('updateAppSettings', { syncEveryMinutes: 15 })).toMatchObject({ ok: true, value: { syncEveryMinutes: 15 } });
    expect((await stored()).syncEveryMinutes).toBe(15);
    expect(await call('updateAppSettings', { syncEveryMinutes: 7 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await stored()).syncEveryMinutes).toBe(15);
    await writeFile(file(), JSON.stringify({ syncEveryMinutes: 'often' }));
    expect(await call('appSettings', {})).toMatchObject({ ok: true, value: { syncEveryMinutes: 0 } });
  });

  it('saves a trimmed name and an e-mail, keeping keys it does not own', async () => {
    await writeFile(file(), JSON.stringify({ libraryDir: '/somewhere/else', future: 1 }));
    const saved = await call('updateAppSettings', { name: '  Ada Reporter ', email: ' ada@example.org ', theme: 'dark', numberFormat: 'de-DE' });
    expect(saved).toMatchObject({ ok: true, value: { name: 'Ada Reporter', email: 'ada@example.org', theme: 'dark', numberFormat: 'de-DE' } });
    expect(await stored()).toEqual({
      libraryDir: '/somewhere/else',
      future: 1,
      name: 'Ada Reporter',
      email: 'ada@example.org',
      theme: 'dark',
      numberFormat: 'de-DE',
    });
    // Clearing the e-mail is allowed.
    expect(await call('updateAppSettings', { email: '' })).toMatchObject({ ok: true, value: { email: '' } });
  });

  it.each([
    [{ email: 'ada at example' }, /“ada at example” does not look like an e-mail address/],
    [{ email: 'ada@example' }, /does not look like an e-mail address/],
    [{ email: 'a b@example.org' }, /does not look like an e-mail address/],
    [{ name: 'x'.repeat(201) }, /201 characters long; at most 200/],
    [{ name: 'Ada\nReporter' }, /on one line/],
    [{ numberFormat: 'xx-NOPE-123456789' }, /not a number format Glossa knows/],
    [{ numberFormat: '' }, /not a number format Glossa knows/],
  ])('refuses %j with a message and writes nothing', async (patch, message) => {
    await call('updateAppSettings', { name: 'Ada' });
    const result = await call('updateAppSettings', patch);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } });
    expect(await stored()).toEqual({ name: 'Ada' });
  });

  it('refuses unknown keys and themes, and paths from the window', async () => {
    expect(await call('updateAppSettings', { libraryDir: '/etc' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call('updateAppSettings', { theme: 'sepia' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('applies two quick changes both', async () => {
    await Promise.all([call('updateAppSettings', { name: 'Ada' }), call('updateAppSettings', { theme: 'light' })]);
    expect(await stored()).toEqual({ name: 'Ada', theme: 'light' });
  });

  it('shows the defaults for a damaged file, says so, and keeps it aside when saving', async () => {
    await writeFile(file(), '[1, 2');
    const read = await call('appSettings', {});
    expect(read).toMatchObject({ ok: true, value: { name: '', theme: 'system', problem: expect.stringContaining('is damaged') } });
    expect(await call('updateAppSettings', { theme: 'dark' })).toMatchObject({ ok: true });
    expect(await readFile(`${file()}.damaged`, 'utf8')).toBe('[1, 2');
    expect(await stored()).toEqual({ theme: 'dark' });
  });

  it('reads a stored value it does not understand as its default', async () => {
    await writeFile(file(), JSON.stringify({ name: 42, email: 'nope', theme: 'sepia', numberFormat: '!!' }));
    expect(await call('appSettings', {})).toMatchObject({ ok: true, value: { name: '', email: '', theme: 'system', numberFormat: 'system' } });
  });

  it('answers UNAVAILABLE without a settings file or a library switcher', async () => {
    const bare: Context = { ...ctx, appSettings: undefined };
    expect(await call('appSettings', {}, bare)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(await call('switchLibrary', { kind: 'open' })).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: /Only the desktop app/ } });
  });
});
