import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { carriedIds, followCopies, PREVIOUS_VERSION_REL, reanchorAll } from '../../../core/anchor/index.js';
import { PREVIOUS_VERSION_REL as INGEST_REL } from '../../../core/ingest/versions.js';
import { Annotation } from '../../../core/model/annotation.js';
import { makeTarget, verifyTarget } from '../../../core/text/selectors.js';
import { HAVE_NYPD, NYPD_TXT, loadGold } from '../../shared-fixtures.js';

if (!HAVE_NYPD) console.warn(`[skip] ${NYPD_TXT} is missing: re-anchoring the gold tagging of the NYPD sample is skipped.`);

const STAMP = '2024-01-01T00:00:00.000Z';

function annotationAt(text: string, start: number, end: number, id: string, extra: Partial<Annotation> = {}): Annotation {
  return Annotation.parse({
    id,
    snapshotId: 'old-version',
    kind: 'quote',
    target: makeTarget(text, start, end),
    fields: {},
    createdAt: STAMP,
    updatedAt: STAMP,
    ...extra,
  });
}

/** A replacement of old[start, end) — the edits a newsroom makes to a published article. */
interface Edit {
  start: number;
  end: number;
  insert: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.insert + out.slice(e.end);
  return out;
}

/** Where old[start, end) lands after the edits, or null when an edit removes or cuts across its boundaries. */
function mapSpan(start: number, end: number, edits: Edit[]): { start: number; end: number } | null {
  let shiftStart = 0;
  let shiftEnd = 0;
  for (const e of edits) {
    const delta = e.insert.length - (e.end - e.start);
    if (e.end <= start) [shiftStart, shiftEnd] = [shiftStart + delta, shiftEnd + delta];
    else if (e.start >= end) continue;
    else if (e.start >= start && e.end <= end && e.end - e.start < end - start) shiftEnd += delta;
    else return null;
  }
  return { start: start + shiftStart, end: end + shiftEnd };
}

describe('reanchorAll', () => {
  const text = 'Officials said the plan was approved. The plan costs $4 million. Residents said the plan was rushed.';

  it('copies placed annotations with fresh ids, the new snapshot, new targets and a link to the original', () => {
    const a = annotationAt(text, text.indexOf('$4 million'), text.indexOf('$4 million') + 10, 'fig-1', { kind: 'figure' });
    const b = annotationAt(text, 0, text.indexOf('.') + 1, 'claim-1', { kind: 'claim', links: [{ rel: 'supports', annotationId: 'fig-1' }] });
    const newText = 'UPDATED. ' + text.replace('approved', 'passed');
    let n = 0;
    const { placed, orphans } = reanchorAll([a, b], newText, { snapshotId: 'new-version', newId: () => `copy-${++n}`, now: '2024-02-02T00:00:00.000Z' });
    expect(orphans).toEqual([]);
    expect(placed.map((p) => [p.annotation.id, p.how])).toEqual([
      ['copy-1', 'quote'],
      ['copy-2', 'fuzzy'],
    ]);
    for (const p of placed) {
      expect(Annotation.parse(p.annotation)).toEqual(p.annotation);
      expect(p.annotation.snapshotId).toBe('new-version');
      expect(p.annotation.updatedAt).toBe('2024-02-02T00:00:00.000Z');
      expect(p.annotation.createdAt).toBe(STAMP);
      expect(verifyTarget(newText, p.annotation.target)).toBe(true);
    }
    expect(placed[0]!.from).toBe(a.target);
    expect(placed[0]!.annotation.links).toEqual([{ rel: PREVIOUS_VERSION_REL, annotationId: 'fig-1' }]);
    // The claim's link to the figure now names the figure's copy; the original is untouched.
    expect(placed[1]!.annotation.links).toEqual([
      { rel: 'supports', annotationId: 'copy-1' },
      { rel: PREVIOUS_VERSION_REL, annotationId: 'claim-1' },
    ]);
    expect(placed[1]!.annotation.target.quote.exact).toBe('Officials said the plan was passed.');
    expect(b.links).toEqual([{ rel: 'supports', annotationId: 'fig-1' }]);
    expect(b.id).toBe('claim-1');
  });

  it('lists what cannot be placed as orphans, unchanged and with their text, and keeps the rest', () => {
    const gone = annotationAt(text, text.indexOf('Residents'), text.length, 'q-gone');
    const kept = annotationAt(text, 0, 9, 'q-kept');
    const newText = text.slice(0, text.indexOf(' Residents'));
    const { placed, orphans } = reanchorAll([gone, kept], newText);
    expect(placed.map((p) => p.from)).toEqual([kept.target]);
    expect(placed[0]!.how).toBe('position');
    expect(placed[0]!.annotation.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(placed[0]!.annotation.snapshotId).toBe('old-version');
    expect(orphans).toHaveLength(1);
    expect(orphans[0]!.annotation).toBe(gone);
    expect(orphans[0]!.annotation.target.quote.exact).toBe('Residents said the plan was rushed.');
    expect(orphans[0]!.reason).toMatch(/no|not/);
  });

  it('points links between carried annotations at the copies, including copies carried earlier', () => {
    const claim = annotationAt(text, 0, 9, 'claim-1', { kind: 'claim' });
    const figure = annotationAt(text, 10, 20, 'fig-1', {
      kind: 'figure',
      links: [
        { rel: 'supports', annotationId: 'claim-1' },
        { rel: 'about', annotationId: 'not-carried' },
      ],
    });
    const { placed } = reanchorAll([figure, claim], text, { newId: (a) => `new-${a.id}`, now: STAMP });
    const copy = placed.find((p) => p.annotation.id === 'new-fig-1')!.annotation;
    expect(copy.links).toEqual([
      { rel: 'supports', annotationId: 'new-claim-1' },
      { rel: 'about', annotationId: 'not-carried' },
      { rel: PREVIOUS_VERSION_REL, annotationId: 'fig-1' },
    ]);
    // The originals keep their links to the originals.
    expect(figure.links[0]).toEqual({ rel: 'supports', annotationId: 'claim-1' });

    // A carry in two steps (the claim carried by an earlier capture): the map comes from the copies' previous-version links.
    const earlier = { ...claim, id: 'copy-claim', links: [{ rel: PREVIOUS_VERSION_REL, annotationId: 'claim-1' }] };
    const later = { ...figure, id: 'copy-fig', links: [...figure.links, { rel: PREVIOUS_VERSION_REL, annotationId: 'fig-1' }] };
    const renamed = carriedIds([earlier, later]);
    expect([...renamed]).toEqual([
      ['claim-1', 'copy-claim'],
      ['fig-1', 'copy-fig'],
    ]);
    const [followed] = followCopies([later], renamed);
    expect(followed!.links).toEqual([
      { rel: 'supports', annotationId: 'copy-claim' },
      { rel: 'about', annotationId: 'not-carried' },
      { rel: PREVIOUS_VERSION_REL, annotationId: 'fig-1' },
    ]);
    // Nothing to follow: the very same record back.
    expect(followCopies([earlier], renamed)[0]).toBe(earlier);
  });

  it('uses the same link rel as the version carry-over in core/ingest', () => {
    expect(PREVIOUS_VERSION_REL).toBe(INGEST_REL);
  });

  it('handles no annotations and an empty new text', () => {
    expect(reanchorAll([], 'anything')).toEqual({ placed: [], orphans: [] });
    const a = annotationAt(text, 0, 9, 'a');
    expect(reanchorAll([a], '').orphans.map((o) => o.annotation.id)).toEqual(['a']);
  });
});

describe.skipIf(!HAVE_NYPD)(
  're-anchoring the gold tagging of the NYPD sample after realistic edits (skipped when ../shared/fixtures/nypd-ice-2017 is absent)',
  () => {
    const original = HAVE_NYPD ? readFileSync(NYPD_TXT, 'utf8') : '';
    const gold = HAVE_NYPD ? loadGold() : [];
    const at = (s: string) => {
      const i = original.indexOf(s);
      if (i < 0 || original.indexOf(s, i + 1) >= 0) throw new Error(`test setup: ${s} is not in the sample exactly once`);
      return i;
    };
    const word = (from: string, to: string): Edit => ({ start: at(from), end: at(from) + from.length, insert: to });
    const lawParagraph = at('\n\nThe New York City law says');
    const edits: Edit[] = [
      // An editor's note at the top.
      { start: 0, end: 0, insert: 'Editor’s note: This story was updated to correct the spelling of a name and to remove a paragraph.\n\n' },
      // Words changed inside a long quote, inside a claim, and between tagged passages.
      word('irrespective of', 'regardless of'),
      word('ignore them all', 'disregard them all'),
      word('ICE criticized', 'ICE criticised'),
      word('Chernyavsky unveiled', 'Chernyavskiy unveiled'),
      // One paragraph deleted.
      { start: lawParagraph, end: at('\n\n“The police response'), insert: '' },
    ];
    const edited = applyEdits(original, edits);

    it('puts every surviving item on exactly its edited span and lists the deleted ones as orphans', () => {
      const annotations = gold.map((g, i) => annotationAt(original, g.start, g.end, `gold-${i}`, { kind: g.kind }));
      const { placed, orphans } = reanchorAll(annotations, edited, { snapshotId: 'v2' });
      const byOriginal = new Map(placed.map((p) => [p.annotation.links.at(-1)!.annotationId, p]));
      const expectedOrphans: string[] = [];
      const hows: Record<string, number> = {};
      gold.forEach((g, i) => {
        const span = mapSpan(g.start, g.end, edits);
        if (!span) {
          expectedOrphans.push(`gold-${i}`);
          return;
        }
        const p = byOriginal.get(`gold-${i}`);
        expect(p, `${g.kind} "${g.exact}" was not placed`).toBeDefined();
        expect(p!.annotation.target.position, `${g.kind} "${g.exact}"`).toEqual({ type: 'TextPositionSelector', ...span });
        expect(verifyTarget(edited, p!.annotation.target)).toBe(true);
        hows[p!.how] = (hows[p!.how] ?? 0) + 1;
      });
      expect(orphans.map((o) => o.annotation.id).sort()).toEqual(expectedOrphans.sort());
      // The deleted paragraph held a claim and a figure; every orphan keeps its text.
      expect(orphans.map((o) => o.annotation.target.quote.exact)).toEqual(
        expect.arrayContaining(['one of 170 crimes', expect.stringMatching(/^The New York City law says/)]),
      );
      expect(orphans).toHaveLength(2);
      // Everything shifted (note on top), two items were edited inside (the quote and the claim) and one item's context.
      expect(hows.position ?? 0).toBe(0);
      expect(hows.fuzzy).toBe(2);
      expect(hows.quote).toBe(gold.length - 2 - 2);
    });

    it('keeps every item by position when the text is unchanged', () => {
      const annotations = gold.map((g, i) => annotationAt(original, g.start, g.end, `gold-${i}`));
      const { placed, orphans } = reanchorAll(annotations, original);
      expect(orphans).toEqual([]);
      expect(placed.every((p) => p.how === 'position' && p.score === 1)).toBe(true);
      expect(placed.map((p) => p.annotation.target)).toEqual(annotations.map((a) => a.target));
    });
  },
);
