/**
 * Issue 16 on the command line: `glossa config set|get` writes and reads the person's settings
 * file (the desktop app's <userData>/settings.json), and `glossa edit <annotation-id>` changes
 * an annotation found anywhere in the library, signed with that name; bad input is refused
 * with an error naming what is wrong and nothing is written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../core/model/index.js';
import { glossa, glossaJson, tempDir, TEST_HOME } from './helpers.js';

const SETTINGS = join(TEST_HOME, '.config', 'Glossa', 'settings.json');

const stored = () => JSON.parse(readFileSync(SETTINGS, 'utf8')) as Record<string, unknown>;

describe('glossa config', () => {
  it('sets the name and e-mail in the settings file the app reads, and gets them back', async () => {
    expect(await glossa(['config', 'set', 'name', '  Ana Ruiz '])).toMatchObject({ code: 0, stdout: 'name = Ana Ruiz\n' });
    expect(await glossaJson(['config', 'set', 'email', 'ana@example.org'])).toMatchObject({ name: 'Ana Ruiz', email: 'ana@example.org' });
    expect(stored()).toMatchObject({ name: 'Ana Ruiz', email: 'ana@example.org' });
    expect(await glossa(['config', 'get', 'name'])).toMatchObject({ code: 0, stdout: 'Ana Ruiz\n' });
    expect(await glossaJson(['config', 'get'])).toEqual({ name: 'Ana Ruiz', email: 'ana@example.org', theme: 'system', numberFormat: 'system' });
    expect((await glossa(['config', 'get'])).stdout).toBe('name = Ana Ruiz\nemail = ana@example.org\ntheme = system\nnumberFormat = system\n');
  });

  it('keeps keys it does not set (the app’s own, such as the library to open)', async () => {
    writeFileSync(SETTINGS, JSON.stringify({ ...stored(), libraryDir: '/somewhere/library' }));
    await glossa(['config', 'set', 'theme', 'dark']);
    expect(stored()).toMatchObject({ name: 'Ana Ruiz', theme: 'dark', libraryDir: '/somewhere/library' });
  });

  it('refuses an unknown key, a name on two lines and a bad e-mail, writing nothing', async () => {
    const before = readFileSync(SETTINGS, 'utf8');
    const unknown = await glossa(['config', 'set', 'colour', 'red']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown setting "colour"; settings are: name, email, theme, numberFormat');
    const twoLines = await glossa(['config', 'set', 'name', 'Ana\nRuiz']);
    expect(twoLines.code).toBe(1);
    expect(twoLines.stderr).toContain('Your name must be on one line');
    const email = await glossa(['config', 'set', 'email', 'ana at example', '--json']);
    expect(email.code).toBe(1);
    expect(JSON.parse(email.stderr)).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect((await glossa(['config', 'get', 'nope'])).code).toBe(2);
    expect(readFileSync(SETTINGS, 'utf8')).toBe(before);
  });

  it('says when the settings file is damaged, and shows the defaults', async () => {
    const home = tempDir('damaged');
    const env = { XDG_CONFIG_HOME: home };
    const file = join(home, 'Glossa', 'settings.json');
    await glossa(['config', 'set', 'name', 'Ben'], { env });
    writeFileSync(file, '{"name": "Be');
    const got = await glossa(['config', 'get', 'name'], { env });
    expect(got).toMatchObject({ code: 0, stdout: '\n' });
    expect(got.stderr).toContain('is damaged');
  });
});

describe('glossa edit', () => {
  const lib = tempDir('edit-lib');
  const L = ['--library', lib];
  let snapshotId = '';
  let quote: Annotation;
  let claim: Annotation;
  const file = () => join(lib, '..', `${lib.split('/').pop()}-article.txt`);
  const annotations = () => glossaJson<Annotation[]>(['annotations', snapshotId, '--include-deleted', ...L]);

  beforeAll(async () => {
    await glossa(['config', 'set', 'name', 'Ana Ruiz']);
    await glossa(['config', 'set', 'email', 'ana@example.org']);
    writeFileSync(file(), 'Council approves budget\n\nThe mayor said the budget “protects every school”. It rose 4 percent, she claimed.\n');
    snapshotId = (await glossaJson<{ ids: string[] }>(['import', file(), ...L])).ids[0]!;
    quote = await glossaJson<Annotation>(['annotate', snapshotId, '--kind', 'quote', '--exact', 'protects every school', ...L]);
    claim = await glossaJson<Annotation>(['annotate', snapshotId, '--kind', 'claim', '--exact', 'It rose 4 percent', ...L]);
  });

  it('annotate signs the new annotation with the configured name and e-mail', () => {
    expect(quote.createdBy).toEqual({ name: 'Ana Ruiz', email: 'ana@example.org' });
    expect(quote.modifiedBy).toEqual({ name: 'Ana Ruiz', email: 'ana@example.org' });
  });

  it('finds the annotation by id alone, sets fields and the comment, and signs the change', async () => {
    await glossa(['config', 'set', 'name', 'Ben Okafor']);
    await glossa(['config', 'set', 'email', '']);
    const edited = await glossaJson<Annotation>([
      'edit',
      quote.id,
      '--field',
      'speaker=The mayor',
      '--field',
      'quoteType=direct',
      '--comment',
      'check the budget',
      ...L,
    ]);
    expect(edited).toMatchObject({ id: quote.id, fields: { speaker: 'The mayor', quoteType: 'direct' }, comment: 'check the budget' });
    expect(edited.createdBy).toEqual({ name: 'Ana Ruiz', email: 'ana@example.org' });
    expect(edited.modifiedBy).toEqual({ name: 'Ben Okafor' });
    expect((await annotations()).find((a) => a.id === quote.id)).toEqual(edited);
    const text = await glossa(['edit', quote.id, '--field', 'cue=said', ...L]);
    expect(text).toMatchObject({ code: 0, stdout: `quote ${quote.id} edited: cue\n` });
  });

  it('sets a claim’s verdict as the window does: dated in its history', async () => {
    const edited = await glossaJson<Annotation>(['edit', claim.id, '--field', 'verdict=disputed', '--field', 'claimant=The mayor', ...L]);
    expect(edited.fields).toMatchObject({ verdict: 'disputed', claimant: 'The mayor' });
    expect(edited.fields.verdictHistory?.map((c) => c.verdict)).toEqual(['disputed']);
  });

  describe('hostile input changes nothing', () => {
    const refuses = async (args: string[], code: number, message: string | RegExp) => {
      const before = JSON.stringify(await annotations());
      const r = await glossa(['edit', ...args, ...L]);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(JSON.stringify(await annotations())).toBe(before);
    };

    it('an unknown id', () => refuses(['no-such-annotation', '--comment', 'x'], 1, /There is no annotation no-such-annotation in this library/));
    it('an unknown field', () => refuses([quote.id, '--field', 'colour=red'], 2, /unknown field "colour"; fields are: speaker/));
    it('a field of another kind', () =>
      refuses([quote.id, '--field', 'verdict=false'], 2, /field "verdict" is not a field of a quote; a quote has: speaker, speakerRole, quoteType, cue/));
    it('a bad value', () => refuses([quote.id, '--field', 'quoteType=shouted'], 2, /bad value for field "quoteType": "shouted"/));
    it('a bad verdict', () => refuses([claim.id, '--field', 'verdict=maybe'], 2, /bad value for field "verdict"/));
    it('a pair without =', () => refuses([quote.id, '--field', 'speaker'], 2, /--field expects name=value/));
    it('nothing to change', () => refuses([quote.id], 2, /nothing to change/));
    it('an annotation in the trash', async () => {
      const gone = await glossaJson<Annotation>(['annotate', snapshotId, '--kind', 'note', '--exact', 'Council approves', ...L]);
      const { api, dispatch } = await import('../../core/api.js');
      const { openLibrary } = await import('../../core/store/library.js');
      const library = await openLibrary(lib);
      try {
        const ctx = { library, dialogs: { openFiles: async () => [], saveFile: async () => null }, emit: () => undefined };
        expect(await dispatch(api, ctx, 'deleteAnnotation', { snapshotId, id: gone.id }, { windowOnly: false })).toMatchObject({ ok: true });
      } finally {
        await library.close();
      }
      await refuses([gone.id, '--comment', 'x'], 1, /is in the trash; restore it before editing/);
    });
  });

  it('--json errors name the code', async () => {
    const r = await glossa(['edit', 'nope', '--comment', 'x', '--json', ...L]);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(existsSync(SETTINGS)).toBe(true);
  });
});
