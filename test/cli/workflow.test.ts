/**
 * The whole scripted loop through the real CLI on temporary libraries: import the sample
 * article, tag the gold quotes, figures and a claim, read them back in three formats,
 * export, import into a second library, verify — and refuse damaged data.
 */
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../core/bundle/index.js';
import type { Annotation, SnapshotSummary } from '../../core/model/index.js';
import { FIXTURE, GOLD, HAVE_SHARED, glossa, glossaJson, tempDir } from './helpers.js';
import type { GoldItem } from '../shared-fixtures.js';

/** Every blob file of a library (named by its SHA-256), wherever the store files them. */
function blobFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...blobFiles(path));
    else if (/^[0-9a-f]{64}$/.test(name)) out.push(path);
  }
  return out;
}

describe.skipIf(!HAVE_SHARED)('glossa CLI: import, tag, export, import-bundle, verify (skipped when ../shared/fixtures is absent)', () => {
  const lib = tempDir('lib');
  const lib2 = tempDir('lib2');
  const work = tempDir('work');
  const bundle = join(work, 'nypd.glossa');
  const L = ['--library', lib];
  const L2 = ['--library', lib2];
  let gold: GoldItem[] = [];
  let id = '';
  let text = '';
  const created: Annotation[] = [];

  beforeAll(() => {
    gold = (JSON.parse(readFileSync(GOLD, 'utf8')) as { items: GoldItem[] }).items;
  });

  it('imports the article and prints its id with --json', async () => {
    const out = await glossaJson<{ ids: string[]; results: { ok: boolean; name: string }[] }>(['import', FIXTURE, ...L]);
    expect(out.ids).toHaveLength(1);
    expect(out.results).toMatchObject([{ ok: true, name: 'nypd-ice-2017.txt' }]);
    id = out.ids[0]!;
    expect(id).not.toBe('');
  });

  it('finds the same snapshot when the same file is imported again', async () => {
    const again = await glossaJson<{ ids: string[] }>(['import', FIXTURE, ...L]);
    expect(again.ids).toEqual([id]);
    const list = await glossaJson<SnapshotSummary[]>(['list', ...L]);
    expect(list.map((s) => s.id)).toEqual([id]);
  });

  it('lists the snapshot with the title from the first line', async () => {
    const firstLine = readFileSync(FIXTURE, 'utf8')
      .split(/\r?\n/)
      .find((l) => l.trim() !== '')!
      .trim();
    const [summary] = await glossaJson<SnapshotSummary[]>(['list', ...L]);
    expect(summary!.title).toBe(firstLine);
    const plain = await glossa(['list', ...L]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(id);
    expect(plain.stdout).toContain(firstLine.slice(0, 40));
  });

  it('shows the canonical text, plain and as { snapshot, text }', async () => {
    const plain = await glossa(['show', id, ...L]);
    expect(plain.code).toBe(0);
    const json = await glossaJson<{ snapshot: { id: string }; text: string }>(['show', id, ...L]);
    expect(json.snapshot.id).toBe(id);
    expect(plain.stdout).toBe(json.text);
    text = json.text;
    for (const item of gold) expect(text, item.exact).toContain(item.exact);
  });

  it('tags the three direct quotes with their speakers', async () => {
    for (const q of gold.filter((g) => g.kind === 'quote' && g.type === 'direct')) {
      const a = await glossaJson<Annotation>([
        'annotate',
        id,
        '--kind',
        'quote',
        '--exact',
        q.exact,
        '--field',
        `speaker=${q.speaker}`,
        '--field',
        `speakerRole=${q.speakerRole}`,
        '--field',
        'quoteType=direct',
        '--field',
        `cue=${q.cue}`,
        ...L,
      ]);
      expect(a.kind).toBe('quote');
      expect(a.target.quote.exact).toBe(q.exact);
      expect(text.slice(a.target.position.start, a.target.position.end)).toBe(q.exact);
      expect(a.fields).toMatchObject({ speaker: q.speaker, speakerRole: q.speakerRole, quoteType: 'direct', cue: q.cue });
      created.push(a);
    }
    expect(created).toHaveLength(3);
  });

  it('tags the seven figures, with numeric values', async () => {
    const figures = gold.filter((g) => g.kind === 'figure');
    expect(figures).toHaveLength(7);
    for (const f of figures) {
      const fields = [`value=${f.value}`, `unit=${f.unit}`, `measure=${f.measure}`, ...(f.qualifier ? [`qualifier=${f.qualifier}`] : [])];
      const a = await glossaJson<Annotation>(['annotate', id, '--kind', 'figure', '--exact', f.exact, ...fields.flatMap((x) => ['--field', x]), ...L]);
      expect(a.fields.value).toBe(f.value);
      expect(typeof a.fields.value).toBe('number');
      expect(text.slice(a.target.position.start, a.target.position.end)).toBe(f.exact);
      created.push(a);
    }
  });

  it('tags a claim with a verdict and a comment', async () => {
    const claim = gold.find((g) => g.kind === 'claim' && g.claimant)!;
    const a = await glossaJson<Annotation>([
      'annotate',
      id,
      '--kind',
      'claim',
      '--exact',
      claim.exact,
      '--field',
      `claimant=${claim.claimant}`,
      '--field',
      'verdict=disputed',
      '--comment',
      'Conflicts with the two requests the police say they answered.',
      ...L,
    ]);
    expect(a.fields).toMatchObject({ claimant: claim.claimant, verdict: 'disputed' });
    expect(a.comment).toBe('Conflicts with the two requests the police say they answered.');
    created.push(a);
  });

  it('picks the Nth occurrence with --occurrence', async () => {
    const word = 'requests';
    const first = text.indexOf(word);
    const second = text.indexOf(word, first + 1);
    expect(second).toBeGreaterThan(first);
    const a = await glossaJson<Annotation>(['annotate', id, '--kind', 'note', '--exact', word, '--occurrence', '2', ...L]);
    expect(a.target.position).toMatchObject({ start: second, end: second + word.length });
    created.push(a);
  });

  it('prints the annotations as JSON, in text order, each anchored exactly', async () => {
    const list = await glossaJson<Annotation[]>(['annotations', id, '--format', 'json', ...L]);
    expect(list.map((a) => a.id).sort()).toEqual(created.map((a) => a.id).sort());
    const starts = list.map((a) => a.target.position.start);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    for (const a of list) expect(text.slice(a.target.position.start, a.target.position.end)).toBe(a.target.quote.exact);
    const summary = (await glossaJson<SnapshotSummary[]>(['list', ...L]))[0]!;
    expect(summary.counts).toEqual({ quote: 3, claim: 1, figure: 7, note: 1 });
  });

  it('prints them as CSV, one row each', async () => {
    const run = await glossa(['annotations', id, '--format', 'csv', ...L]);
    expect(run.code).toBe(0);
    const rows = parse(run.stdout, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(created.length);
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    const values = rows.flatMap((r) => Object.values(r));
    for (const q of gold.filter((g) => g.kind === 'quote' && g.type === 'direct')) expect(values).toContain(q.speaker);
  });

  it('prints them as a W3C AnnotationCollection', async () => {
    const run = await glossa(['annotations', id, '--format', 'jsonld', ...L]);
    expect(run.code).toBe(0);
    const collection = JSON.parse(run.stdout) as {
      type: string;
      total: number;
      first: { items: { type: string; target: { selector: { type: string; exact?: string }[] } }[] };
    };
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.total).toBe(created.length);
    expect(collection.first.items).toHaveLength(created.length);
    const exacts = collection.first.items.map((item) => item.target.selector.find((s) => s.type === 'TextQuoteSelector')?.exact);
    expect(exacts.sort()).toEqual(created.map((a) => a.target.quote.exact).sort());
  });

  it('exports a bundle that verifies', async () => {
    const report = await glossaJson<{ snapshots: number; annotations: number }>(['export', bundle, ...L]);
    expect(report).toMatchObject({ snapshots: 1, annotations: created.length });
    expect(existsSync(bundle)).toBe(true);
    const verify = await glossa(['verify', bundle]);
    expect(verify.code).toBe(0);
    const json = await glossaJson<{ ok: boolean; problems: unknown[] }>(['verify', bundle]);
    expect(json).toMatchObject({ ok: true, problems: [] });
  });

  it('imports the bundle into an empty library with the same ids, offsets and fields', async () => {
    const report = await glossaJson<{ changed: boolean; snapshots: { added: string[] }; annotations: { added: number } }>(['import-bundle', bundle, ...L2]);
    expect(report.changed).toBe(true);
    expect(report.snapshots.added).toEqual([id]);
    expect(report.annotations.added).toBe(created.length);
    const [a, b] = await Promise.all([glossaJson<Annotation[]>(['annotations', id, ...L]), glossaJson<Annotation[]>(['annotations', id, ...L2])]);
    expect(b).toEqual(a);
    const [t1, t2] = await Promise.all([glossa(['show', id, ...L]), glossa(['show', id, ...L2])]);
    expect(t2.stdout).toBe(t1.stdout);
  });

  it('changes nothing when the same bundle is imported twice', async () => {
    const report = await glossaJson<{ changed: boolean }>(['import-bundle', bundle, ...L2]);
    expect(report.changed).toBe(false);
    const plain = await glossa(['import-bundle', bundle, ...L2]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/nothing changed/);
  });

  it('verifies every blob of the library, and reports a damaged one', async () => {
    const ok = await glossaJson<{ checked: number; corrupt: string[] }>(['verify', ...L2]);
    expect(ok.corrupt).toEqual([]);
    expect(ok.checked).toBeGreaterThan(0);
    const blobs = blobFiles(lib2);
    expect(blobs.length).toBe(ok.checked);
    const victim = blobs[0]!;
    writeFileSync(victim, Buffer.concat([readFileSync(victim), Buffer.from('tampered')]));
    const bad = await glossa(['verify', ...L2]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(victim.split(/[\\/]/).pop()!);
  });

  it('refuses a damaged bundle in verify and in import-bundle, leaving the library empty', async () => {
    const damaged = join(work, 'damaged.glossa');
    copyFileSync(bundle, damaged);
    const bytes = readFileSync(damaged);
    // Flip bytes in the middle of the archive: some member's data or its checksum no longer matches.
    for (let i = Math.floor(bytes.length / 3); i < Math.floor(bytes.length / 3) + 16; i++) bytes[i] = bytes[i]! ^ 0xff;
    writeFileSync(damaged, bytes);
    const verify = await glossa(['verify', damaged]);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toMatch(/glossa: /);
    const lib3 = tempDir('lib3');
    const imported = await glossa(['import-bundle', damaged, '--library', lib3]);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toMatch(/glossa: .+/);
    expect(await glossaJson<SnapshotSummary[]>(['list', '--library', lib3])).toEqual([]);
  });
});
