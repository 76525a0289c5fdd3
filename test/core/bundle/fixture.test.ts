/**
 * test/fixtures/bundles/v1-sample.glossa is a committed bundle of format version 1. Every
 * later Glossa must still verify and import it losslessly, and export the same content again:
 * if this fails after a model change, format version 1 changed and the version must be bumped.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Snapshot } from '../../../core/model/index.js';
import { exportBundle, importBundle, verifyBundle } from '../../../core/bundle/index.js';
import { verifyTarget } from '../../../core/text/selectors.js';
import { cleanTemp, countingIds, tempDir, withLibrary } from './library.js';
import { annotationsForA, annotationsForB } from './samples.js';
import { readMembers, get } from './zipcraft.js';

const FIXTURE = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/bundles/v1-sample.glossa');

afterAll(cleanTemp);

describe('the committed v1 bundle', () => {
  it('verifies', async () => {
    const report = await verifyBundle(FIXTURE);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, version: 1, counts: { snapshots: 2, annotations: 9, tombstones: 1 } });
  });

  it('imports losslessly and exports the same content again', async () => {
    const dir = await tempDir();
    const report = await withLibrary(dir, (lib) => importBundle(lib, FIXTURE));
    const [a, b] = report.snapshots.added as [string, string];
    // The same sample annotations, rebuilt from the test sources with the same ids.
    const ids = countingIds();
    const expected = [...annotationsForA(a, ids), ...annotationsForB(b, ids)];
    const again = join(await tempDir(), 'again.glossa');
    await withLibrary(dir, async (lib) => {
      const got = [...(await lib.listAnnotations(a, { includeDeleted: true })), ...(await lib.listAnnotations(b, { includeDeleted: true }))];
      const sort = (l: typeof got) => [...l].sort((x, y) => (x.id < y.id ? -1 : 1));
      expect(sort(got)).toEqual(sort(expected));
      for (const id of [a, b]) {
        const text = await lib.blobs.getText((await lib.getSnapshot(id)).textHash);
        for (const ann of got.filter((x) => x.snapshotId === id)) expect(verifyTarget(text, ann.target)).toBe(true);
      }
      await exportBundle(lib, again);
    });

    const before = await readMembers(FIXTURE);
    const after = await readMembers(again);
    const manifest = (m: typeof before) => JSON.parse(get(m, 'manifest.json').toString('utf8'));
    // snapshot.json gains the defaults of fields added to the model since v1 (images, authors, …):
    // compared as records, every other member byte for byte.
    const files = (m: typeof before) => {
      const { ['annotations.jsonld']: _collectionIdsDiffer, ...rest } = manifest(m).files as Record<string, unknown>;
      return Object.fromEntries(Object.entries(rest).filter(([name]) => !name.endsWith('/snapshot.json')));
    };
    expect(files(after)).toEqual(files(before));
    const records = (m: typeof before) =>
      [a, b].map((id) => Snapshot.parse(JSON.parse(get(m, `snapshots/${id}/snapshot.json`).toString('utf8'))));
    expect(records(after)).toEqual(records(before));
    expect(manifest(after).counts).toEqual(manifest(before).counts);
    const items = (m: typeof before) => JSON.parse(get(m, 'annotations.jsonld').toString('utf8')).first.items;
    expect(items(after)).toEqual(items(before));
  });
});
