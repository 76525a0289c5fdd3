/**
 * Bundles from the command line: an export limited by kind (estimated first, writing
 * nothing), a preview of an import that writes nothing, and a conflict made by editing the
 * same annotation in two libraries, listed by `glossa conflicts` and ended by `glossa resolve`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../core/model/index.js';
import { openLibrary } from '../../core/store/index.js';
import { glossa, glossaJson, tempDir } from './helpers.js';

const ARTICLE = 'Ferry Fares Rise\n\nFares rose by 12% in March, the operator said.\n\n“We had no choice,” said the operator’s chief, Lea Berg.';

/** An edit made by someone in that library (through the store, as the window's API would). */
async function editComment(library: string, snapshotId: string, annotationId: string, comment: string, at: string): Promise<void> {
  const lib = await openLibrary(library);
  try {
    const a = await lib.getAnnotation(snapshotId, annotationId);
    await lib.putAnnotation({ ...a, comment, updatedAt: at });
  } finally {
    await lib.close();
  }
}

describe('bundle scopes, previews and conflicts from the command line', () => {
  const a = tempDir('scopes-a');
  const b = tempDir('scopes-b');
  const out = tempDir('scopes-out');
  let id = '';
  let figureId = '';

  beforeAll(async () => {
    const file = join(out, 'ferry.txt');
    writeFileSync(file, ARTICLE);
    id = (await glossaJson<{ ids: string[] }>(['import', file, '--library', a])).ids[0]!;
    figureId = (
      await glossaJson<Annotation>(['annotate', id, '--kind', 'figure', '--exact', '12%', '--field', 'value=12', '--field', 'unit=%', '--library', a])
    ).id;
    await glossaJson(['annotate', id, '--kind', 'quote', '--exact', '“We had no choice,”', '--field', 'speaker=Lea Berg', '--library', a]);
  });

  it('estimates, then exports only the figures', async () => {
    const bundle = join(out, 'figures.glossa');
    const estimate = await glossaJson<{ annotations: number; snapshots: number }>(['export', bundle, '--kind', 'figure', '--estimate', '--library', a]);
    expect(estimate).toMatchObject({ snapshots: 1, annotations: 1 });
    expect(existsSync(bundle)).toBe(false);
    const report = await glossaJson<{ annotations: number }>(['export', bundle, '--kind', 'figure', '--no-originals', '--library', a]);
    expect(report.annotations).toBe(1);
    const preview = await glossaJson<{ ok: boolean; annotations: { added: number } }>(['import-bundle', bundle, '--preview', '--library', b]);
    expect(preview).toMatchObject({ ok: true, annotations: { added: 1 } });
    expect(await glossaJson<unknown[]>(['list', '--library', b])).toEqual([]);
  });

  it('limits an open format by the same scope, and refuses two scopes at once', async () => {
    const file = join(out, 'figures.csv');
    const csv = await glossaJson<{ annotations: number }>(['export', file, '--format', 'csv', '--kind', 'figure', '--library', a]);
    expect(csv.annotations).toBe(1);
    expect(readFileSync(file, 'utf8')).toContain('12%');
    expect(readFileSync(file, 'utf8')).not.toContain('Lea Berg');
    const two = await glossa(['export', join(out, 'x.glossa'), '--tag', 'A', '--speaker', 'B', '--library', a]);
    expect(two.code).not.toBe(0);
    expect(two.stderr).toContain('Choose one of');
  });

  it('lists a conflict made in two libraries and resolves it with the chosen version', async () => {
    const all = join(out, 'all.glossa');
    await glossaJson(['export', all, '--library', a]);
    await glossaJson(['import-bundle', all, '--library', b]);
    await editComment(a, id, figureId, 'checked against the operator’s notice', '2030-01-02T00:00:00.000Z');
    await editComment(b, id, figureId, 'source: annual report', '2030-01-03T00:00:00.000Z');
    const fromB = join(out, 'from-b.glossa');
    await glossaJson(['export', fromB, '--library', b]);

    const preview = await glossa(['import-bundle', fromB, '--preview', '--library', a]);
    expect(preview.stdout).toContain('would be kept side by side');
    await glossaJson(['import-bundle', fromB, '--library', a]);

    const conflicts = await glossaJson<{ annotationId: string; current: Annotation; others: Annotation[] }[]>(['conflicts', '--library', a]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.annotationId).toBe(figureId);
    expect([conflicts[0]!.current.comment, ...conflicts[0]!.others.map((o) => o.comment)].sort()).toEqual([
      'checked against the operator’s notice',
      'source: annual report',
    ]);
    const mineAt = [conflicts[0]!.current, ...conflicts[0]!.others].findIndex((v) => v.comment === 'checked against the operator’s notice');

    const bad = await glossa(['resolve', figureId, '7', '--library', a]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('there is no 7');
    await glossaJson(['resolve', figureId, String(mineAt), '--library', a]);
    expect(await glossaJson<unknown[]>(['conflicts', '--library', a])).toEqual([]);
    const [figure] = (await glossaJson<Annotation[]>(['annotations', id, '--library', a])).filter((x) => x.id === figureId);
    expect(figure!.comment).toBe('checked against the operator’s notice');
  });
});
