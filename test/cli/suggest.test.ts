/**
 * glossa suggest: the JSON shape with UTF-16 offsets into the canonical text, nothing written
 * without --save, --save storing suggested annotations once, and wrong calls refused.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../core/model/index.js';
import { FIXTURE, GOLD, HAVE_SHARED, ROOT, glossa, glossaJson, tempDir, type Run } from './helpers.js';

interface Suggested {
  snapshotId: string;
  kind: string;
  start: number;
  end: number;
  exact: string;
  fields: Record<string, unknown>;
  confidence: number;
  detector: string;
}

const KEYS = ['snapshotId', 'kind', 'start', 'end', 'exact', 'fields', 'confidence', 'detector'];
const TEXT =
  'Bridge to reopen\n\n' +
  '“We will rebuild the bridge by spring,” Mayor Jane Holloway said on Tuesday. ' +
  'The city spent $3.4 billion on repairs last year. Café owners 👩🏽‍🍳 expect 12% more visitors.\n';

const lib = tempDir('suggest-lib');
const at = ['--library', lib];
let id = '';
let text = '';

beforeAll(async () => {
  const file = join(tempDir('suggest-src'), 'bridge.txt');
  writeFileSync(file, TEXT);
  id = (await glossaJson<{ ids: string[] }>(['import', file, ...at])).ids[0]!;
  text = (await glossaJson<{ text: string }>(['show', id, ...at])).text;
});

const annotations = () => glossaJson<Annotation[]>(['annotations', id, '--include-deleted', ...at]);

describe('glossa suggest', () => {
  it('--json prints {"suggestions": […]} in the agreed shape, offsets into the canonical text, and writes nothing', async () => {
    const r = await glossa(['suggest', id, '--json', ...at]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { suggestions: Suggested[] };
    expect(Object.keys(out)).toEqual(['suggestions']);
    expect(out.suggestions.length).toBeGreaterThan(2);
    for (const s of out.suggestions) {
      expect(Object.keys(s)).toEqual(KEYS);
      expect(s.snapshotId).toBe(id);
      expect(text.slice(s.start, s.end)).toBe(s.exact);
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
      expect(s.detector).toMatch(/^glossa-(quotes|figures|claims)@\d+\.\d+\.\d+$/);
    }
    const quote = out.suggestions.find((s) => s.kind === 'quote')!;
    expect(quote.fields).toMatchObject({ speaker: 'Jane Holloway', quoteType: 'direct', cue: 'said' });
    // After the emoji (surrogate pairs): offsets count UTF-16 units, as JavaScript strings do.
    const percent = out.suggestions.find((s) => s.kind === 'figure' && s.exact.startsWith('12'))!;
    expect(percent.start).toBe(text.indexOf('12%'));
    expect(percent.fields).toMatchObject({ value: 12 });
    expect(await annotations()).toEqual([]);
  });

  it('--kind keeps one kind (repeatable); without --json a readable list', async () => {
    const figures = await glossaJson<{ suggestions: Suggested[] }>(['suggest', id, '--kind', 'figure', ...at]);
    expect(figures.suggestions.length).toBeGreaterThan(0);
    expect(new Set(figures.suggestions.map((s) => s.kind))).toEqual(new Set(['figure']));
    const two = await glossaJson<{ suggestions: Suggested[] }>(['suggest', id, '--kind', 'figure', '--kind', 'quote', ...at]);
    expect(new Set(two.suggestions.map((s) => s.kind))).toEqual(new Set(['figure', 'quote']));

    const r = await glossa(['suggest', id, '--kind', 'quote', ...at]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${id}  1 suggestion \\(1 quote\\)\\n`));
    const start = text.indexOf('“We will');
    expect(r.stdout).toContain(`  quote [${start}, ${start + '“We will rebuild the bridge by spring,”'.length})`);
    expect(r.stdout).toContain('Jane Holloway (Mayor), said, direct');
  });

  it('--save stores them as suggested annotations to review, once', async () => {
    const preview = await glossaJson<{ suggestions: Suggested[] }>(['suggest', id, ...at]);
    const saved = await glossaJson<{ suggestions: Suggested[] }>(['suggest', id, '--save', ...at]);
    expect(saved.suggestions.map((s) => Object.keys(s))).toEqual(saved.suggestions.map(() => KEYS));
    const spans = (list: Suggested[]) => list.map((s) => `${s.kind}:${s.start}-${s.end}`).sort();
    expect(spans(saved.suggestions)).toEqual(spans(preview.suggestions));
    const stored = await annotations();
    expect(stored).toHaveLength(preview.suggestions.length);
    for (const a of stored) {
      expect(a.origin).toMatchObject({ type: 'suggested', accepted: null });
      expect(a.origin.detector).toMatch(/@/);
      expect(a.fields).not.toHaveProperty('registered');
    }
    // A second run saves none, and says so.
    const again = await glossa(['suggest', id, '--save', ...at]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Saved 0 suggestions for review; ${stored.length} others already suggested, rejected or tagged by you, not saved again.`);
    expect(await annotations()).toEqual(stored);
    // The CSV export shows where each came from.
    const csv = await glossa(['annotations', id, '--format', 'csv', ...at]);
    expect(csv.stdout.split('\r\n')[0]).toMatch(/,origin,detector,confidence,accepted,createdBy,modifiedBy$/);
    // Not yet reviewed, and a detector is no author: accepted, createdBy and modifiedBy empty.
    expect(csv.stdout).toMatch(/,suggested,glossa-quotes@\d+\.\d+\.\d+,0\.\d+,,,\r\n/);
  });

  it('refuses wrong calls with a message and the right exit code, saving nothing', async () => {
    const other = join(tempDir('suggest-src2'), 'other.txt');
    writeFileSync(other, 'Budget\n\nThe council approved $4.5 billion on Monday.\n');
    const second = (await glossaJson<{ ids: string[] }>(['import', other, ...at])).ids[0]!;
    // One unknown id among good ones: nothing is saved for any of them.
    const r = await glossa(['suggest', second, 'no-such-id', '--save', ...at]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('There is no snapshot no-such-id in this library.');
    expect(await glossaJson<Annotation[]>(['annotations', second, '--include-deleted', ...at])).toEqual([]);

    const kind = await glossa(['suggest', id, '--kind', 'gossip', ...at]);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('--kind must be quote, figure or claim, got "gossip"');
    const none = await glossa(['suggest', ...at]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/missing required argument/);
    const json = await glossa(['suggest', 'no-such-id', '--json', ...at]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stderr)).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('no-such-id') } });
  });
});

describe.skipIf(!HAVE_SHARED)('glossa suggest on the sample article (skipped when ../shared/fixtures is absent)', () => {
  it('finds the gold file’s direct quotes at their UTF-16 offsets', async () => {
    const sample = (await glossaJson<{ ids: string[] }>(['import', FIXTURE, ...at])).ids[0]!;
    const gold = (JSON.parse(readFileSync(GOLD, 'utf8')) as { items: { kind: string; type?: string; start: number; end: number; exact: string }[] }).items;
    const { suggestions } = await glossaJson<{ suggestions: Suggested[] }>(['suggest', sample, '--kind', 'quote', ...at]);
    const direct = gold.filter((g) => g.kind === 'quote' && g.type === 'direct');
    expect(direct.length).toBe(3);
    for (const g of direct) expect(suggestions).toContainEqual(expect.objectContaining({ kind: 'quote', start: g.start, end: g.end, exact: g.exact }));
  });
});

describe('the built program', () => {
  // Built into a temp folder outside the repository: no node_modules can be found from there,
  // so the run proves wink-nlp and its model are inside the bundle with the suggestion worker.
  const out = tempDir('suggest-built');
  const home = tempDir('suggest-built-home');
  const run = (args: string[]) =>
    new Promise<Run>((done) => {
      const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), GLOSSA_LIBRARY: undefined };
      execFile(process.execPath, [join(out, 'glossa.mjs'), ...args], { env, cwd: home }, (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });

  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), '--outdir', out], { cwd: ROOT, stdio: 'pipe' });
  }, 60_000);

  it('suggests through the bundled worker (suggest-worker.mjs beside the chunks) and exits', async () => {
    const builtLib = tempDir('suggest-built-lib');
    const file = join(tempDir('suggest-built-src'), 'bridge.txt');
    writeFileSync(file, TEXT);
    const imported = await run(['import', file, '--json', '--library', builtLib]);
    expect(imported.code).toBe(0);
    const snapshot = (JSON.parse(imported.stdout) as { ids: string[] }).ids[0]!;
    const r = await run(['suggest', snapshot, '--save', '--json', '--library', builtLib]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { suggestions } = JSON.parse(r.stdout) as { suggestions: Suggested[] };
    expect(suggestions).toContainEqual(expect.objectContaining({ kind: 'quote', fields: expect.objectContaining({ speaker: 'Jane Holloway' }) }));
    expect(readFileSync(join(out, 'suggest-worker.mjs'), 'utf8')).toContain('node:worker_threads');
  }, 60_000);
});
