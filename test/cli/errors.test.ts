/**
 * Failing well: every mistake gives a message on stderr, exit 1 for a failed operation and
 * exit 2 for a wrongly called command, and leaves the library as it was.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Annotation, SnapshotSummary } from '../../core/model/index.js';
import { openLibrary } from '../../core/store/index.js';
import { glossa, glossaJson, tempDir } from './helpers.js';

const ARTICLE = [
  'Council Votes to Expand Night Bus Service',
  '',
  'The city council voted 9 to 2 on Tuesday to add 14 night bus routes, the transit authority said.',
  '',
  '“Nobody should have to choose between a late shift and a safe ride home,” said council member Ana Ruiz.',
].join('\n');

describe('glossa CLI errors', () => {
  const lib = tempDir('errors');
  const work = tempDir('errors-work');
  const L = ['--library', lib];
  let id = '';

  beforeAll(async () => {
    const file = join(work, 'bus.txt');
    writeFileSync(file, ARTICLE);
    id = (await glossaJson<{ ids: string[] }>(['import', file, ...L])).ids[0]!;
  });

  const annotationCount = async () => (await glossaJson<Annotation[]>(['annotations', id, ...L])).length;

  it('exits 2 with usage help when called without a command or with an unknown one', async () => {
    const none = await glossa([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Usage: glossa/);
    const unknown = await glossa(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('prints help and exits 0 for --help', async () => {
    const help = await glossa(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['import', 'list', 'show', 'annotations', 'annotate', 'export', 'import-bundle', 'verify']) expect(help.stdout).toContain(command);
  });

  it('refuses a missing file before importing anything', async () => {
    const good = join(work, 'bus.txt');
    const run = await glossa(['import', good, join(work, 'nope.txt'), '--library', tempDir('missing')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('File not found');
    expect(run.stderr).toContain('nope.txt');
  });

  it('reports an empty file with a message and exit 1, and adds nothing', async () => {
    const empty = join(work, 'empty.txt');
    writeFileSync(empty, '');
    const fresh = tempDir('empty');
    const run = await glossa(['import', empty, '--library', fresh]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/glossa: empty\.txt: .+/);
    expect(await glossaJson<SnapshotSummary[]>(['list', '--library', fresh])).toEqual([]);
  });

  it('says so when a snapshot id is unknown, as text or as JSON', async () => {
    const run = await glossa(['show', 'no-such-snapshot', ...L]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^glossa: .+/);
    expect(run.stdout).toBe('');
    const json = await glossa(['show', 'no-such-snapshot', '--json', ...L]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('rejects bad annotate calls with exit 2 and writes nothing', async () => {
    const before = await annotationCount();
    const cases: [string[], RegExp][] = [
      [['--exact', 'night bus'], /--kind/],
      [['--kind', 'rumour', '--exact', 'night bus'], /rumour/],
      [['--kind', 'quote'], /--exact/],
      [['--kind', 'figure', '--exact', '14 night bus routes', '--field', 'value=fourteen'], /bad value for field "value"/],
      [['--kind', 'figure', '--exact', '14 night bus routes', '--field', 'colour=red'], /unknown field "colour"/],
      [['--kind', 'figure', '--exact', '14 night bus routes', '--field', 'value'], /name=value/],
      [['--kind', 'quote', '--exact', 'night bus', '--field', 'quoteType=sarcastic'], /quoteType/],
      [['--kind', 'quote', '--exact', 'night bus', '--occurrence', '0'], /whole number/],
    ];
    for (const [args, message] of cases) {
      const run = await glossa(['annotate', id, ...args, ...L]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
    expect(await annotationCount()).toBe(before);
  });

  it('exits 1 when the text does not occur (or not that often), and writes nothing', async () => {
    const before = await annotationCount();
    const absent = await glossa(['annotate', id, '--kind', 'quote', '--exact', 'a sentence that is not there', ...L]);
    expect(absent.code).toBe(1);
    expect(absent.stderr).toMatch(/does not contain/);
    const tooFew = await glossa(['annotate', id, '--kind', 'figure', '--exact', '14 night bus routes', '--occurrence', '2', ...L]);
    expect(tooFew.code).toBe(1);
    expect(await annotationCount()).toBe(before);
  });

  it('stores a figure value as a number and an empty value as no value', async () => {
    const a = await glossaJson<Annotation>([
      'annotate',
      id,
      '--kind',
      'figure',
      '--exact',
      '14 night bus routes',
      '--field',
      'value=14',
      '--field',
      'unit=',
      ...L,
    ]);
    expect(a.fields.value).toBe(14);
    expect(a.fields.unit ?? null).toBeNull();
  });

  it('reports a bundle that does not exist or cannot be written', async () => {
    const missing = await glossa(['verify', join(work, 'absent.glossa')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('File not found');
    const notABundle = join(work, 'not-a-bundle.glossa');
    writeFileSync(notABundle, 'this is not a zip file');
    const bad = await glossa(['verify', notABundle]);
    expect(bad.code).toBe(1);
    const nowhere = await glossa(['export', join(work, 'no', 'such', 'folder', 'out.glossa'), ...L]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/^glossa: .+/);
  });

  it('releases the library after a failed command: the next opener in this process gets it', async () => {
    // Commands run in-process here, as in the app's tests: a lock left behind would make every
    // later command on this library fail with LIBRARY_LOCKED.
    const failed = await glossa(['annotate', id, '--kind', 'quote', '--exact', 'a sentence that is not there', ...L]);
    expect(failed.code).toBe(1);
    const library = await openLibrary(lib);
    await library.close();
    const locked = await openLibrary(lib);
    const whileHeld = await glossa(['list', ...L]);
    await locked.close();
    expect(whileHeld.code).toBe(1);
    expect(whileHeld.stderr).toMatch(/open in another Glossa window or process/);
    expect((await glossa(['list', ...L])).code).toBe(0);
  });
});
