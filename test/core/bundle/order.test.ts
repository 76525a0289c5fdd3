/**
 * Three researchers start from one shared bundle, work on the same articles (overlapping
 * edits, deletions, edits on both sides, new tags and speakers) and send their bundles.
 * Importing the three in any of the 6 orders into a fresh library gives the same library:
 * the same annotation files byte for byte, the same conflicts, codebook and speakers.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle, importBundle } from '../../../core/bundle/index.js';
import type { Annotation, CodeTag, Speaker } from '../../../core/model/index.js';
import { canonicalJson } from '../../../core/store/index.js';
import type { LibraryStore } from '../../../core/store/types.js';
import { cleanTemp, hashTree, seedLibrary, tempDir, withLibrary, type Seeded } from './library.js';
import { makeAnnotation, TEXT_A, TEXT_B } from './samples.js';

const at = (day: number, hour = 12) => new Date(Date.UTC(2030, 0, day, hour)).toISOString();
const tag = (id: string, name: string, parentId: string | null, time: string): CodeTag => ({
  id,
  name,
  parentId,
  color: '#1f77b4',
  key: null,
  description: '',
  createdAt: time,
  updatedAt: time,
});
const speaker = (id: string, name: string, time: string): Speaker => ({
  id,
  name,
  aliases: [],
  role: null,
  organisation: null,
  createdAt: time,
  updatedAt: time,
});

const permutations = <T>(xs: T[]): T[][] =>
  xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));

async function edit(lib: LibraryStore, a: Annotation, change: Partial<Annotation>): Promise<void> {
  await lib.putAnnotation({ ...(await lib.getAnnotation(a.snapshotId, a.id)), ...change });
}

/** Everything that makes up a library's work, as comparable text. */
async function state(dir: string): Promise<{ files: Record<string, string>; registry: string }> {
  const tree = await hashTree(dir);
  const files = Object.fromEntries(Object.entries(tree).filter(([p]) => p.startsWith('snapshots/') || p.startsWith('blobs/')));
  const registry = await withLibrary(dir, async (lib) =>
    canonicalJson({
      snapshots: lib.listSnapshots(),
      codebook: lib.listCodebook(),
      speakers: lib.listSpeakers(),
      conflicts: await lib.listConflicts(),
      annotations: await Promise.all(lib.listSnapshots().map((s) => lib.listAnnotations(s.id, { includeDeleted: true }))),
    }),
  );
  return { files, registry };
}

let seeded: Seeded;
let bundles: string[];

beforeAll(async () => {
  const work = await tempDir();
  const lead = await tempDir();
  seeded = await withLibrary(lead, async (lib) => {
    const s = await seedLibrary(lib);
    await lib.saveCodebook([
      tag('immigration', 'Immigration', null, at(1)),
      tag('policing', 'Policing', 'immigration', at(1)),
      tag('numbers', 'Numbers', null, at(1)),
      tag('budget', 'Budget', null, at(1)),
    ]);
    await lib.saveSpeakers([speaker('oneill', 'James O’Neill', at(1)), speaker('johnson', 'Corey Johnson', at(1))]);
    return s;
  });
  const base = join(work, 'base.glossa');
  await withLibrary(lead, (lib) => exportBundle(lib, base));
  const [quote, figure, percent, claim, emoji, note] = seeded.annotations;
  const [A, B] = seeded.snapshots;
  const dirs = [await tempDir(), await tempDir(), await tempDir()];
  for (const dir of dirs) await withLibrary(dir, (lib) => importBundle(lib, base));

  // Ana: edits the quote and the claim, deletes the figure, adds a figure, a tag and a speaker.
  await withLibrary(dirs[0]!, async (lib) => {
    await edit(lib, quote!, { comment: 'Ana: verified against the video', updatedAt: at(2) });
    await edit(lib, claim!, { fields: { ...claim!.fields, verdict: 'false' }, updatedAt: at(3) });
    await edit(lib, figure!, { deletedAt: at(3), updatedAt: at(3) });
    await lib.putAnnotation(
      makeAnnotation(B!.id, TEXT_B, { id: '0a000000-0000-4000-8000-000000000001', kind: 'figure', exact: 'nearly 12 percent', createdAt: at(3) }),
    );
    await lib.saveCodebook([
      ...lib.listCodebook().map((t) => (t.id === 'numbers' ? { ...t, name: 'Figures', updatedAt: at(3) } : t)),
      tag('ana-ice', 'ICE', 'immigration', at(3)),
    ]);
    await lib.saveSpeakers([...lib.listSpeakers(), speaker('ana-mayor', 'The mayor', at(3))]);
  });
  // Ben: edits the claim too (later than Ana), the percent figure, deletes the note, renames a tag later than Ana.
  await withLibrary(dirs[1]!, async (lib) => {
    await edit(lib, claim!, { comment: 'Ben: the statistics say otherwise', updatedAt: at(4) });
    await edit(lib, percent!, { comment: 'Ben: 30.5, not 30', updatedAt: at(5) });
    await edit(lib, note!, { deletedAt: at(4), updatedAt: at(4) });
    await lib.putAnnotation(
      makeAnnotation(A!.id, TEXT_A, {
        id: '0b000000-0000-4000-8000-000000000001',
        kind: 'note',
        exact: 'Police Commissioner',
        comment: 'Ben',
        createdAt: at(4),
      }),
    );
    await lib.saveCodebook(lib.listCodebook().map((t) => (t.id === 'numbers' ? { ...t, name: 'Numbers and figures', updatedAt: at(5) } : t)));
    await lib.saveSpeakers(lib.listSpeakers().map((s) => (s.id === 'johnson' ? { ...s, role: 'Council Speaker', updatedAt: at(4) } : s)));
  });
  // Cy: first takes Ana's bundle, then builds on her quote edit (no conflict), deletes the
  // claim Ana and Ben edited, changes the percent figure at the very instant Ben did, and
  // restores nothing.
  const ana = join(work, 'ana.glossa');
  await withLibrary(dirs[0]!, (lib) => exportBundle(lib, ana));
  await withLibrary(dirs[2]!, (lib) => importBundle(lib, ana));
  await withLibrary(dirs[2]!, async (lib) => {
    await edit(lib, quote!, { comment: 'Ana: verified against the video. Cy: and the transcript.', updatedAt: at(6) });
    await edit(lib, claim!, { deletedAt: at(6), updatedAt: at(6) });
    await edit(lib, percent!, { comment: 'Cy: about 30', updatedAt: at(5) });
    await edit(lib, emoji!, { tags: ['immigration'], updatedAt: at(6) });
    await lib.saveSpeakers(lib.listSpeakers().map((s) => (s.id === 'oneill' ? { ...s, aliases: ['Jimmy O’Neill'], updatedAt: at(6) } : s)));
  });
  bundles = [join(work, 'r1.glossa'), join(work, 'r2.glossa'), join(work, 'r3.glossa')];
  for (const [i, dir] of dirs.entries()) await withLibrary(dir, (lib) => exportBundle(lib, bundles[i]!));
});
afterAll(cleanTemp);

describe('merging three researchers’ bundles', () => {
  it('gives the same library in all 6 orders', async () => {
    const orders = permutations([0, 1, 2]);
    const states = [];
    for (const order of orders) {
      const dir = await tempDir();
      for (const i of order) await withLibrary(dir, (lib) => importBundle(lib, bundles[i]!));
      states.push(await state(dir));
      // Importing any of them again changes nothing.
      const before = await hashTree(dir);
      for (const i of order) expect((await withLibrary(dir, (lib) => importBundle(lib, bundles[i]!))).changed).toBe(false);
      expect(await hashTree(dir)).toEqual(before);
    }
    for (const [i, s] of states.entries()) {
      expect(s.files, `order ${orders[i]!.join('')}`).toEqual(states[0]!.files);
      expect(s.registry, `order ${orders[i]!.join('')}`).toEqual(states[0]!.registry);
    }
  });

  it('keeps what each one did: later single-side edits win, both-side edits are kept side by side', async () => {
    const dir = await tempDir();
    for (const b of bundles) await withLibrary(dir, (lib) => importBundle(lib, b));
    const [quote, figure, percent, claim, , note] = seeded.annotations;
    const A = seeded.snapshots[0]!.id;
    await withLibrary(dir, async (lib) => {
      // Cy built on Ana's quote edit: no conflict, Cy's version shows.
      expect((await lib.getAnnotation(A, quote!.id)).comment).toMatch(/Cy: and the transcript/);
      // Deleted on one side only: deleted.
      expect((await lib.getAnnotation(A, figure!.id)).deletedAt).toBe(at(3));
      expect((await lib.getAnnotation(A, note!.id)).deletedAt).toBe(at(4));
      const conflicts = await lib.listConflicts();
      expect(conflicts.map((c) => c.annotationId).sort()).toEqual([claim!.id, percent!.id].sort());
      // The claim: Cy deleted it after taking Ana's verdict (so Ana's edit is superseded, not a
      // conflict), while Ben commented on it without knowing either: Cy's deletion shows, Ben's edit is kept.
      const onClaim = conflicts.find((c) => c.annotationId === claim!.id)!;
      expect(onClaim.current.deletedAt).toBe(at(6));
      expect(onClaim.others.map((o) => o.updatedAt)).toEqual([at(4)]);
      // The percent figure: Ben and Cy at the same instant; one shows by a fixed rule, the other is kept.
      const onPercent = conflicts.find((c) => c.annotationId === percent!.id)!;
      expect([onPercent.current.comment, onPercent.others[0]!.comment].sort()).toEqual(['Ben: 30.5, not 30', 'Cy: about 30']);
      expect(lib.listCodebook().find((t) => t.id === 'numbers')!.name).toBe('Numbers and figures');
      expect(lib.listCodebook().map((t) => t.id)).toContain('ana-ice');
      expect(lib.listSpeakers().find((s) => s.id === 'johnson')!.role).toBe('Council Speaker');
      expect(lib.listSpeakers().find((s) => s.id === 'oneill')!.aliases).toEqual(['Jimmy O’Neill']);

      // Resolving ends the conflict here, and the resolution wins everywhere it travels.
      const chosen = onClaim.others.find((o) => o.updatedAt === at(4))!;
      await lib.resolveConflict(A, claim!.id, { ...chosen, updatedAt: at(9) });
      expect((await lib.listConflicts()).map((c) => c.annotationId)).toEqual([percent!.id]);
      expect((await lib.getAnnotation(A, claim!.id)).comment).toBe('Ben: the statistics say otherwise');
    });
    const resolved = join(await tempDir(), 'resolved.glossa');
    await withLibrary(dir, (lib) => exportBundle(lib, resolved));
    const other = await tempDir();
    await withLibrary(other, async (lib) => {
      for (const b of [...bundles].reverse()) await importBundle(lib, b);
      expect((await lib.listConflicts()).map((c) => c.annotationId).sort()).toEqual([claim!.id, percent!.id].sort());
      const report = await importBundle(lib, resolved);
      expect(report.annotations.updated).toBeGreaterThanOrEqual(1);
      expect((await lib.listConflicts()).map((c) => c.annotationId)).toEqual([percent!.id]);
      expect((await lib.getAnnotation(A, claim!.id)).updatedAt).toBe(at(9));
    });
  });
});
