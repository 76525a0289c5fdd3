/**
 * Importing annotations (W3C JSON-LD / Hypothesis, REFI-QDA .qdpx) for an article that is in
 * the trash: they are not placed, the article stays in the trash untouched, and the report
 * says which annotations were left out and why; everything else is imported as usual.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation, ArticleRecord } from '../../../core/model/index.js';
import { addText, annotatePhrase, openSession, type Session } from './helpers.js';

const BUDGET = 'Budget vote delayed\n\nThe council postponed the vote on the budget for the third time, officials said.';
const HARBOUR = 'Harbour works run late\n\nThe harbour master said the final cost would reach 90 million euros.';
const REASON = 'article “Harbour works run late” is in the trash; restore it and import again';

interface Report {
  snapshotsAdded: number;
  annotationsAdded: number;
  annotationsUpdated: number;
  annotationsSkipped: number;
  unmatched: { what: string; reason: string }[];
  problems: string[];
}

/** Everything import could change about an article: its record and all its annotations. */
async function stateOf(s: Session, id: string): Promise<{ record: ArticleRecord | null; annotations: Annotation[] }> {
  return { record: await s.library.getArticle(id), annotations: await s.library.listAnnotations(id, { includeDeleted: true }) };
}

describe('importing annotations for an article in the trash', () => {
  let from: Session;
  let to: Session;
  beforeEach(async () => {
    from = await openSession();
    to = await openSession();
    // The annotations come from another library holding the same two articles.
    const budget = await addText(from, BUDGET, 'Budget vote delayed');
    const harbour = await addText(from, HARBOUR, 'Harbour works run late');
    await annotatePhrase(from, budget, 'postponed the vote', 'claim');
    await annotatePhrase(from, harbour, 'reach 90 million euros', 'figure');
    await annotatePhrase(from, harbour, 'harbour master', 'note');
    for (const format of ['jsonld', 'qdpx'] as const) {
      await from.call('exportFormat', { format, path: join(from.dir, `out.${format}`), snapshotIds: [budget.id, harbour.id] });
    }
  });
  afterEach(async () => {
    await from.close();
    await to.close();
  });

  /** The receiving library: both articles, the harbour one in the trash. */
  async function receiving(): Promise<{ budgetId: string; harbourId: string }> {
    const budgetId = (await addText(to, BUDGET, 'Budget vote delayed')).id;
    const harbourId = (await addText(to, HARBOUR, 'Harbour works run late')).id;
    await to.call('deleteArticles', { ids: [harbourId] });
    return { budgetId, harbourId };
  }

  for (const format of ['jsonld', 'qdpx'] as const) {
    it(`${format}: leaves the trashed article alone and reports its annotations as not placed`, async () => {
      const { budgetId, harbourId } = await receiving();
      const before = await stateOf(to, harbourId);
      expect(before.record?.deletedAt).toBeTruthy();
      const rows = to.library.listSnapshots().length;

      const report = (await to.call('importExchange', { path: join(from.dir, `out.${format}`) })) as Report;

      expect(report.annotationsAdded).toBe(1);
      expect(report.snapshotsAdded).toBe(0);
      expect([...report.unmatched].sort((a, b) => a.what.localeCompare(b.what))).toEqual([
        { what: 'harbour master', reason: REASON },
        { what: 'reach 90 million euros', reason: REASON },
      ]);
      // The live article got its annotation; the trashed one is exactly as it was, still in the trash.
      expect((await to.library.listAnnotations(budgetId)).map((a) => a.target.quote.exact)).toEqual(['postponed the vote']);
      expect(await stateOf(to, harbourId)).toEqual(before);
      expect(to.library.listSnapshots()).toHaveLength(rows);
      expect(to.library.listSnapshots().find((r) => r.id === harbourId)?.article?.deletedAt).toBe(before.record?.deletedAt);
    });
  }

  it('jsonld naming the trashed snapshot itself (the same library) does not update its annotations', async () => {
    const harbourId = from.library.listSnapshots().find((r) => r.title === 'Harbour works run late')!.id;
    // Older here than in the file: without the trash, the import would replace them.
    for (const a of await from.library.listAnnotations(harbourId)) await from.library.putAnnotation({ ...a, updatedAt: '2000-01-01T00:00:00.000Z' });
    await from.call('deleteArticles', { ids: [harbourId] });
    const before = await stateOf(from, harbourId);

    const report = (await from.call('importExchange', { path: join(from.dir, 'out.jsonld') })) as Report;

    expect(report.annotationsUpdated).toBe(0);
    expect(report.unmatched.map((u) => u.reason)).toEqual([REASON, REASON]);
    expect(await stateOf(from, harbourId)).toEqual(before);
  });

  it('once the article is restored, the same file places its annotations', async () => {
    const { harbourId } = await receiving();
    await to.call('importExchange', { path: join(from.dir, 'out.jsonld') });
    await to.call('restoreArticles', { ids: [harbourId] });
    const report = (await to.call('importExchange', { path: join(from.dir, 'out.jsonld') })) as Report;
    expect(report.annotationsAdded).toBe(2);
    expect(report.unmatched).toEqual([]);
    expect((await to.library.listAnnotations(harbourId)).map((a) => a.target.quote.exact).sort()).toEqual(['harbour master', 'reach 90 million euros']);
  });

  it('a hostile file naming the trashed article by its id still places nothing there', async () => {
    const { harbourId } = await receiving();
    const text = (await to.call('openSnapshot', { id: harbourId })).text;
    const start = text.indexOf('final cost');
    const item = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'urn:uuid:0192a8f0-0000-7000-8000-000000000001',
      type: 'Annotation',
      body: { type: 'TextualBody', value: 'sneaked in' },
      target: {
        source: `urn:glossa:snapshot:${harbourId}`,
        selector: [
          { type: 'TextQuoteSelector', exact: 'final cost' },
          { type: 'TextPositionSelector', start, end: start + 'final cost'.length },
        ],
      },
    };
    const path = join(to.dir, 'hostile.jsonld');
    await writeFile(path, JSON.stringify(item));
    const before = await stateOf(to, harbourId);
    const report = (await to.call('importExchange', { path })) as Report;
    expect(report.unmatched).toEqual([{ what: 'final cost', reason: REASON }]);
    expect(report.annotationsAdded).toBe(0);
    expect(await stateOf(to, harbourId)).toEqual(before);
  });
});
