/**
 * Capture beyond files: a URL (fetched here in the main process, never by the window), new
 * versions (trimming comment debris), the diff between versions, and orphaned annotations.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { GlossaError } from '../model/index.js';
import { commitSnapshot, formatOfContentType, importFetched } from '../ingest/index.js';
import { carryAnnotations, orphansBetween, placeTarget } from '../ingest/versions.js';
import { htmlFromBlocks } from '../text/html.js';
import { makeTarget } from '../text/selectors.js';
import { afterImport } from './library-settings.js';
import { op } from './op.js';
import { asTask } from './tasks.js';

/**
 * Fetches a page and captures it. Capturing an address again makes a new version when the
 * text changed (the earlier version's annotations are carried over) and is a no-op when not.
 */
export const captureUrl = op(z.object({ url: z.string().min(1).max(8192) }), async (ctx, { url }) =>
  asTask(ctx, 'capture', async (task) => {
    // Loaded on first use: the network layer is not needed to open a library.
    const { fetchImage, fetchPage, normaliseUserUrl } = await import('../ingest/fetch.js');
    const { localAddressOf } = await import('../ingest/local-network.js');
    const address = normaliseUserUrl(url);
    task.progress(0, 2, address);
    const page = await fetchPage(address, { signal: task.signal });
    const format = formatOfContentType(page.contentType);
    if (!format) {
      throw new GlossaError(
        'UNSUPPORTED_FORMAT',
        `${page.finalUrl} is ${page.contentType ?? 'of an unknown type'}, not a web page. Download it and import the file instead.`,
      );
    }
    task.progress(1, 2, page.finalUrl);
    // A page from the internet gets its images from the internet only; a page on the local
    // network (an intranet, a local archive) may use images beside it.
    const publicOnly = (await localAddressOf(new URL(page.finalUrl).hostname)) === null;
    const outcome = await importFetched(ctx.library, page, {
      format,
      signal: task.signal,
      fetchImage: async (src, signal) => (await fetchImage(src, { signal, publicOnly })).bytes,
    });
    let carried = null;
    if (!outcome.duplicate && outcome.previousVersionId) {
      carried = await carryForward(ctx.library, outcome.previousVersionId, outcome.snapshotId);
    }
    task.progress(2, 2);
    return { ...(await afterImport(ctx, outcome)), finalUrl: page.finalUrl, redirects: page.redirects, carried };
  }),
);

/** Places the earlier version's annotations in the new text: same offsets if the text there is the same, else by quote. */
async function carryForward(library: Parameters<typeof carryAnnotations>[0], fromId: string, toId: string) {
  const text = await library.blobs.getText((await library.getSnapshot(toId)).textHash);
  return carryAnnotations(library, fromId, toId, (a) => placeTarget(text, a.target));
}

/**
 * Trims the comment-form debris found at import: a new version of the snapshot without it.
 * The captured version stays in the library (with the debris), so nothing is lost.
 */
export const trimDebris = op(z.object({ snapshotId: z.string().min(1) }), async (ctx, { snapshotId }) => {
  const s = await ctx.library.getSnapshot(snapshotId);
  if (!s.debris) throw new GlossaError('INVALID_INPUT', `"${s.title}" has no comment-form debris to trim.`);
  const text = await ctx.library.blobs.getText(s.textHash);
  const kept = text.slice(0, s.debris.start).trimEnd();
  if (!kept) throw new GlossaError('INVALID_INPUT', 'Trimming would leave no text; the snapshot was left as it is.');
  const blocks = s.blocks.filter((b) => b.end <= kept.length);
  const images = s.images.filter((i) => i.offset <= kept.length);
  const assets = new Map<string, Uint8Array>();
  for (const i of images) assets.set(i.hash, new Uint8Array(await ctx.library.blobs.get(i.hash)));
  const original = s.originalHash ? new Uint8Array(await ctx.library.blobs.get(s.originalHash)) : new TextEncoder().encode(text);
  const { id: _id, textHash: _t, htmlHash: _h, originalHash: _o, wordCount: _w, assetHashes: _a, previousVersionId: _p, capturedAt: _c, ...meta } = s;
  const outcome = await commitSnapshot(ctx.library, {
    ...meta,
    text: kept,
    html: htmlFromBlocks(kept, blocks, s.title),
    original,
    assets,
    blocks,
    images,
    debris: null,
    previousVersionId: s.id,
  });
  const carried = outcome.duplicate
    ? { carried: 0, orphans: [] }
    : await carryAnnotations(ctx.library, s.id, outcome.snapshotId, (a) =>
        a.target.position.end <= kept.length
          ? { target: makeTarget(kept, a.target.position.start, a.target.position.end) }
          : { reason: 'it was in the trimmed debris' },
      );
  return { ...outcome, carried };
});

/** Annotations of the previous version that did not make it into this one, with their text. */
export const listOrphans = op(z.object({ snapshotId: z.string().min(1) }), async (ctx, { snapshotId }) => {
  const s = await ctx.library.getSnapshot(snapshotId);
  if (!s.previousVersionId || !ctx.library.hasSnapshot(s.previousVersionId)) return [];
  return orphansBetween(ctx.library, s.previousVersionId, snapshotId);
});

/** What changed between two captures of an article, word by word, for the reader's diff view. */
export const diffVersions = op(z.object({ fromId: z.string().min(1), toId: z.string().min(1) }), async (ctx, { fromId, toId }) => {
  const { diffTexts } = await import('../text/diff.js');
  const [from, to] = await Promise.all([ctx.library.getSnapshot(fromId), ctx.library.getSnapshot(toId)]);
  const [a, b] = await Promise.all([ctx.library.blobs.getText(from.textHash), ctx.library.blobs.getText(to.textHash)]);
  return { from: { id: from.id, capturedAt: from.capturedAt }, to: { id: to.id, capturedAt: to.capturedAt }, ...diffTexts(a, b) };
});

/**
 * Audits a capture against what was received: the original bytes still hash to the recorded
 * SHA-256, every body is intact, and extracting the original again gives the same text (or
 * says how it differs — a newer extractor may read the page better).
 */
export const auditSnapshot = op(z.object({ snapshotId: z.string().min(1) }), async (ctx, { snapshotId }) => {
  const s = await ctx.library.getSnapshot(snapshotId);
  const bodies = [s.textHash, s.htmlHash, ...(s.originalHash ? [s.originalHash] : []), ...s.assetHashes];
  const damaged: string[] = [];
  for (const hash of bodies) {
    const bytes = await ctx.library.blobs.get(hash).catch(() => null);
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== hash) damaged.push(hash);
  }
  let reextracted: { sameText: boolean; textHash: string } | null = null;
  if (s.originalHash && !damaged.includes(s.originalHash) && s.extraction !== 'text') {
    const original = new Uint8Array(await ctx.library.blobs.get(s.originalHash));
    const { reextractText } = await import('../ingest/page.js');
    const text = reextractText(original, s);
    const textHash = createHash('sha256').update(text, 'utf8').digest('hex');
    reextracted = { sameText: textHash === s.textHash, textHash };
  }
  return { snapshotId, checked: bodies.length, damaged, reextracted, ok: damaged.length === 0 && (reextracted?.sameText ?? true) };
});
