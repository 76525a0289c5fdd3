/**
 * Issue 16, authorship: the person's name and e-mail (app settings) sign every annotation
 * they create and change, through the same operations the window calls; nothing is signed
 * without a name; authors travel through bundles and a conflict keeps each side's author.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appSettingsFile } from '../../../core/api/app-settings-file.js';
import { exportBundle, importBundle } from '../../../core/bundle/index.js';
import type { Annotation } from '../../../core/model/index.js';
import { addText, annotatePhrase, openSession, type Session } from './helpers.js';

const TEXT = 'Council approves budget\nThe mayor said the budget “protects every school” and rose 4 percent.';
const ANA = { name: 'Ana Ruiz', email: 'ana@example.org' };
const BEN = { name: 'Ben Okafor' };

const open: Session[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** A session whose person's settings live in a real settings.json beside its library. */
async function person(settings?: Record<string, string>): Promise<Session & { settingsFile: string }> {
  const s = await openSession();
  open.push(s);
  const settingsFile = join(s.dir, 'settings.json');
  s.ctx.appSettings = appSettingsFile(settingsFile);
  if (settings) await s.call('updateAppSettings', settings);
  return Object.assign(s, { settingsFile });
}

const get = (s: Session, snapshotId: string, id: string) =>
  s.call('listAnnotations', { snapshotId, includeDeleted: true }).then((l) => l.find((a) => a.id === id)!);

describe('stamping', () => {
  it('signs nothing while no name is set: no author keys at all, so old revisions stay as they were', async () => {
    const s = await person();
    const snap = await addText(s, TEXT);
    const id = await annotatePhrase(s, snap, 'protects every school', 'quote');
    const a = await get(s, snap.id, id);
    expect('createdBy' in a).toBe(false);
    expect('modifiedBy' in a).toBe(false);
  });

  it('signs a creation with createdBy and modifiedBy, and every later change with modifiedBy alone', async () => {
    const s = await person(ANA);
    const snap = await addText(s, TEXT);
    const id = await annotatePhrase(s, snap, 'protects every school', 'quote');
    expect(await get(s, snap.id, id)).toMatchObject({ createdBy: ANA, modifiedBy: ANA });

    await s.call('updateAppSettings', { name: BEN.name, email: '' });
    await s.call('updateAnnotation', { snapshotId: snap.id, id, patch: { fields: { speaker: 'The mayor' } } });
    const edited = await get(s, snap.id, id);
    expect(edited.createdBy).toEqual(ANA);
    expect(edited.modifiedBy).toEqual(BEN);

    await s.call('updateAppSettings', { name: 'Cleo Diaz' });
    await s.call('deleteAnnotation', { snapshotId: snap.id, id });
    const deleted = await get(s, snap.id, id);
    expect(deleted.deletedAt).not.toBeNull();
    expect(deleted).toMatchObject({ createdBy: ANA, modifiedBy: { name: 'Cleo Diaz' } });

    await s.call('updateAppSettings', { name: BEN.name });
    await s.call('restoreAnnotation', { snapshotId: snap.id, id });
    expect(await get(s, snap.id, id)).toMatchObject({ deletedAt: null, createdBy: ANA, modifiedBy: BEN });
  });

  it('a change made with no name set drops the last author rather than naming the wrong person', async () => {
    const s = await person(ANA);
    const snap = await addText(s, TEXT);
    const id = await annotatePhrase(s, snap, 'protects every school', 'quote');
    await s.call('updateAppSettings', { name: '', email: '' });
    await s.call('updateAnnotation', { snapshotId: snap.id, id, patch: { comment: 'anonymous edit' } });
    const a = await get(s, snap.id, id);
    expect(a.createdBy).toEqual(ANA);
    expect('modifiedBy' in a).toBe(false);
  });

  it('a damaged settings file signs nothing and the edit still saves', async () => {
    const s = await person(ANA);
    const snap = await addText(s, TEXT);
    await writeFile(s.settingsFile, '{"name": "Ana', 'utf8');
    const id = await annotatePhrase(s, snap, 'protects every school', 'quote');
    const a = await get(s, snap.id, id);
    expect(a.target.quote.exact).toBe('protects every school');
    expect('createdBy' in a).toBe(false);
  });

  it('a hand-written settings name with a line break signs nothing; a bad e-mail is left out', async () => {
    const s = await person();
    const snap = await addText(s, TEXT);
    await writeFile(s.settingsFile, JSON.stringify({ name: 'Ana\nRuiz', email: 'ana@example.org' }), 'utf8');
    const first = await get(s, snap.id, await annotatePhrase(s, snap, 'protects every school', 'quote'));
    expect('createdBy' in first).toBe(false);
    await writeFile(s.settingsFile, JSON.stringify({ name: '  Ana Ruiz  ', email: 'not an address' }), 'utf8');
    const second = await get(s, snap.id, await annotatePhrase(s, snap, '4 percent', 'figure'));
    expect(second.createdBy).toEqual({ name: 'Ana Ruiz' });
  });

  it('a suggestion has no createdBy (its origin names the detector); accepting or rejecting it signs modifiedBy', async () => {
    const s = await person(ANA);
    const snap = await addText(s, TEXT);
    const at = snap.text.indexOf('protects every school');
    const stamp = new Date().toISOString();
    const suggestion = (id: string, start: number, end: number): Annotation => ({
      id,
      snapshotId: snap.id,
      kind: 'quote',
      target: {
        quote: {
          type: 'TextQuoteSelector',
          exact: snap.text.slice(start, end),
          prefix: snap.text.slice(Math.max(0, start - 32), start),
          suffix: snap.text.slice(end, end + 32),
        },
        position: { type: 'TextPositionSelector', start, end },
      },
      fields: {},
      tags: [],
      comment: '',
      links: [],
      origin: { type: 'suggested', detector: 'glossa-quotes@1.0.0', accepted: null },
      createdAt: stamp,
      updatedAt: stamp,
      deletedAt: null,
    });
    const fig = snap.text.indexOf('4 percent');
    await s.library.putAnnotations(snap.id, [suggestion('s-1', at, at + 'protects every school'.length), suggestion('s-2', fig, fig + 9)]);
    await s.call('reviewSuggestions', { snapshotId: snap.id, ids: ['s-1'], decision: 'accept', patch: { fields: { speaker: 'The mayor' } } });
    const accepted = await get(s, snap.id, 's-1');
    expect(accepted.origin.accepted).toBe(true);
    expect('createdBy' in accepted).toBe(false);
    expect(accepted.modifiedBy).toEqual(ANA);
    await s.call('updateAppSettings', { name: BEN.name, email: '' });
    await s.call('reviewSuggestions', { snapshotId: snap.id, ids: ['s-2'], decision: 'reject' });
    expect(await get(s, snap.id, 's-2')).toMatchObject({ origin: { accepted: false }, modifiedBy: BEN });
  });
});

describe('authors in bundles', () => {
  it('travel through a bundle, and a conflict keeps each side’s version with its own author', async () => {
    const ana = await person(ANA);
    const ben = await person(BEN);
    const snap = await addText(ana, TEXT);
    const id = await annotatePhrase(ana, snap, 'protects every school', 'claim');
    const first = join(ana.dir, 'first.glossa');
    await exportBundle(ana.library, first);
    await importBundle(ben.library, first);
    expect(await get(ben, snap.id, id)).toMatchObject({ createdBy: ANA, modifiedBy: ANA });

    // Both change it: Ana's comment, Ben's claimant.
    await ana.call('updateAnnotation', { snapshotId: snap.id, id, patch: { comment: 'Ana: check the 2024 figure' } });
    await ben.call('updateAnnotation', { snapshotId: snap.id, id, patch: { fields: { claimant: 'The mayor' } } });
    const second = join(ana.dir, 'second.glossa');
    await exportBundle(ana.library, second);
    const report = await importBundle(ben.library, second);
    expect(report.annotations.conflicts).toEqual([id]);

    const [conflict] = await ben.call('listConflicts', { snapshotId: snap.id });
    const versions = [conflict!.current, ...conflict!.others];
    expect(versions).toHaveLength(2);
    const byComment = (c: string) => versions.find((v) => v.comment === c)!;
    expect(byComment('Ana: check the 2024 figure')).toMatchObject({ createdBy: ANA, modifiedBy: ANA });
    expect(byComment('')).toMatchObject({ createdBy: ANA, modifiedBy: BEN, fields: { claimant: 'The mayor' } });
  });

  it('two people setting a claim’s verdict merge into one history, not a conflict over who set it', async () => {
    const ana = await person(ANA);
    const ben = await person(BEN);
    const snap = await addText(ana, TEXT);
    const id = await annotatePhrase(ana, snap, 'protects every school', 'claim');
    const first = join(ana.dir, 'first.glossa');
    await exportBundle(ana.library, first);
    await importBundle(ben.library, first);
    await ana.call('setVerdict', { snapshotId: snap.id, id, verdict: 'disputed' });
    await ben.call('setVerdict', { snapshotId: snap.id, id, verdict: 'supported' });
    const second = join(ana.dir, 'second.glossa');
    await exportBundle(ana.library, second);
    const report = await importBundle(ben.library, second);
    expect(report.annotations.conflicts).toEqual([]);
    const merged = await get(ben, snap.id, id);
    expect(merged.fields.verdictHistory?.map((c) => c.verdict).sort()).toEqual(['disputed', 'supported']);
  });
});
