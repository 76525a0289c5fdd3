/**
 * Open formats in and out: what other tools read (W3C JSON-LD, CSV, REFI-QDA, Markdown,
 * CSL-JSON, ClaimReview) and what Glossa takes back (W3C / Hypothesis JSON, .qdpx). The
 * .glossa bundle has its own operations (bundles.ts).
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { annotationsToCsv, annotationsToJsonLd, ExportScope } from '../bundle/index.js';
import { selectForExport } from '../bundle/scope.js';
import { parseW3CAnnotations, planW3CImport, type W3CCandidate } from '../bundle/w3c-import.js';
import { OPEN_FORMATS, toClaimReviewJson, toCslJson, toMarkdown, type ExportInput, type OpenFormat } from '../exports/index.js';
import { sha256, utf8 } from '../ingest/commit.js';
import { importPlainText, placeTarget } from '../ingest/index.js';
import { GlossaError, inTrash, withCorrections, type Annotation, type CodeTag, type Snapshot, type Speaker } from '../model/index.js';
import { readQdpx, writeQdpx } from '../qda/index.js';
import { writeFileDurable } from '../store/durable-file.js';
import type { LibraryStore } from '../store/types.js';
import { canonicalFromPlainText } from '../text/canonical.js';
import type { Context } from './context.js';
import { op } from './op.js';
import { resolveExportScope, SearchScope } from './search-scope.js';

const EXTENSION: Record<OpenFormat, string> = { jsonld: 'jsonld', csv: 'csv', qdpx: 'qdpx', md: 'md', csl: 'json', claimreview: 'jsonld' };
const FORMAT_NAME: Record<OpenFormat, string> = {
  jsonld: 'W3C Web Annotation (JSON-LD)',
  csv: 'CSV (spreadsheet)',
  qdpx: 'REFI-QDA project',
  md: 'Markdown report',
  csl: 'CSL-JSON citations',
  claimreview: 'schema.org ClaimReview',
};

const ExportInputSchema = z.object({
  format: z.enum(OPEN_FORMATS),
  snapshotIds: z.array(z.string().min(1)).optional(),
  /** A tag, a speaker, a filter or a search, as for bundles (the live annotations it selects); wins over snapshotIds. */
  scope: z.union([ExportScope, SearchScope]).optional(),
  /** CSV only: start with a UTF-8 byte order mark (Excel reads UTF-8 then). */
  bom: z.boolean().optional(),
});

async function gather(library: LibraryStore, ids?: string[], scope?: ExportScope): Promise<ExportInput> {
  const rows = new Map(library.listSnapshots().map((r) => [r.id, r]));
  if (scope) {
    const chosen = await selectForExport(library, scope);
    const live = chosen.annotations.filter((a) => !a.deletedAt);
    const sources = [];
    // The scope already leaves out the trash, unless it names the articles (core/bundle/scope.ts).
    for (const snapshot of chosen.snapshots) {
      sources.push({
        snapshot: withCorrections(snapshot, rows.get(snapshot.id)?.article),
        text: await library.blobs.getText(snapshot.textHash),
        annotations: live.filter((a) => a.snapshotId === snapshot.id),
      });
    }
    return { sources, speakers: library.listSpeakers() };
  }
  // The whole library is what the library shows: not the trash. Ids given are exported as asked.
  const chosen = ids?.length ? ids : [...rows.values()].filter((r) => !inTrash(r.article)).map((r) => r.id);
  const sources = [];
  for (const id of chosen) {
    const snapshot = await library.getSnapshot(id);
    sources.push({
      snapshot: withCorrections(snapshot, rows.get(id)?.article),
      text: await library.blobs.getText(snapshot.textHash),
      annotations: await library.listAnnotations(id),
    });
  }
  return { sources, speakers: library.listSpeakers() };
}

/** The text of a one-file format (everything but the .qdpx zip). */
function serialise(format: Exclude<OpenFormat, 'qdpx'>, data: ExportInput, refs: Snapshot[], annotations: Annotation[], bom?: boolean): string {
  switch (format) {
    case 'jsonld':
      return `${JSON.stringify(annotationsToJsonLd(refs, annotations, { created: new Date().toISOString() }), null, 2)}\n`;
    case 'csv':
      return annotationsToCsv(refs, annotations, { bom });
    case 'md':
      return toMarkdown(data);
    case 'csl':
      return toCslJson(data);
    case 'claimreview':
      return toClaimReviewJson(data);
  }
}

type ResolvedInput = Omit<z.output<typeof ExportInputSchema>, 'scope'> & { scope?: ExportScope };

async function writeFormat(library: LibraryStore, path: string, input: ResolvedInput) {
  const data = await gather(library, input.snapshotIds, input.scope);
  const refs = data.sources.map((s) => s.snapshot);
  const annotations = data.sources.flatMap((s) => s.annotations);
  let bytes: number;
  // Every format is written atomically: a failure leaves the researcher's old file (or none), never half a file.
  if (input.format === 'qdpx') {
    // Pictures that figures are tagged on travel as REFI picture sources.
    const images = new Map<string, Uint8Array>();
    for (const a of annotations) {
      const hash = a.target.image?.hash;
      if (hash && !a.deletedAt && !images.has(hash)) images.set(hash, new Uint8Array(await library.blobs.get(hash)));
    }
    bytes = (
      await writeQdpx(
        {
          snapshots: data.sources.map(({ snapshot, text }) => ({ snapshot, text })),
          annotations,
          codebook: library.listCodebook(),
          speakers: data.speakers ?? [],
          images,
        },
        path,
      )
    ).bytes;
  } else {
    const body = serialise(input.format, data, refs, annotations, input.bom);
    await writeFileDurable(path, body);
    bytes = Buffer.byteLength(body);
  }
  return { path, format: input.format, bytes, snapshots: data.sources.length, annotations: annotations.length };
}

/** CLI: `glossa export <out> --format …`. */
export const exportFormat = op(
  ExportInputSchema.extend({ path: z.string().min(1) }),
  async (ctx, input) => writeFormat(ctx.library, input.path, { ...input, scope: await resolveExportScope(ctx, input.scope) }),
  { window: false },
);

/** The window chooses the format and what to include; the native save dialog chooses where. */
export const exportFormatDialog = op(ExportInputSchema, async (ctx, asked) => {
  // A search is read before the save dialog: a query that cannot run asks nothing.
  const input = { ...asked, scope: await resolveExportScope(ctx, asked.scope) };
  const stamp = new Date().toISOString().slice(0, 10);
  const ext = EXTENSION[input.format];
  const path = await ctx.dialogs.saveFile({
    title: `Export ${FORMAT_NAME[input.format]}`,
    defaultName: `glossa-${stamp}.${ext}`,
    filters: [{ name: FORMAT_NAME[input.format], extensions: [ext] }],
  });
  if (!path) return { cancelled: true as const };
  return { cancelled: false as const, ...(await writeFormat(ctx.library, path, input)) };
});

// ---- import --------------------------------------------------------------------------------

interface ExchangeImportReport {
  path: string;
  format: 'w3c' | 'qdpx';
  snapshotsAdded: number;
  annotationsAdded: number;
  annotationsUpdated: number;
  annotationsSkipped: number;
  unmatched: { what: string; reason: string }[];
  problems: string[];
}

/** Inserts annotations whose id is new, replaces older ones, leaves newer ones alone. */
async function mergeAnnotations(library: LibraryStore, list: Annotation[], report: ExchangeImportReport): Promise<void> {
  const bySnapshot = new Map<string, Annotation[]>();
  for (const a of list) bySnapshot.set(a.snapshotId, [...(bySnapshot.get(a.snapshotId) ?? []), a]);
  for (const [snapshotId, incoming] of bySnapshot) {
    const existing = new Map((await library.listAnnotations(snapshotId, { includeDeleted: true })).map((a) => [a.id, a]));
    const put: Annotation[] = [];
    for (const a of incoming) {
      const mine = existing.get(a.id);
      if (!mine) report.annotationsAdded++;
      else if (a.updatedAt > mine.updatedAt) report.annotationsUpdated++;
      else {
        report.annotationsSkipped++;
        continue;
      }
      put.push(a);
    }
    if (put.length) await library.putAnnotations(snapshotId, put);
  }
}

/**
 * Why an annotation meant for an article in the trash is not placed: importing must neither
 * bring the article back behind the person's back nor hide annotations where no list shows them.
 */
const trashedReason = (title: string) => `article “${title}” is in the trash; restore it and import again`;
/** What the report names an annotation by: its words, or what it is when it tags an image. */
const quoted = (a: Pick<Annotation, 'kind' | 'target'>) => a.target.quote.exact || `a ${a.kind} on an image`;

/** Takes the annotations that would land on an article in the trash out of `list`, into the report. */
function holdBackTrashed(library: LibraryStore, list: Annotation[], report: ExchangeImportReport): Annotation[] {
  const trashed = new Map(
    library
      .listSnapshots()
      .filter((r) => inTrash(r.article))
      .map((r) => [r.id, r.title]),
  );
  return list.filter((a) => {
    const title = trashed.get(a.snapshotId);
    if (title === undefined) return true;
    report.unmatched.push({ what: quoted(a), reason: trashedReason(title) });
    return false;
  });
}

function mergeById<T extends { id: string }>(mine: T[], theirs: T[]): T[] | null {
  const ids = new Set(mine.map((x) => x.id));
  const added = theirs.filter((x) => !ids.has(x.id));
  return added.length ? [...mine, ...added] : null;
}

async function importW3C(ctx: Context, path: string, bytes: Uint8Array): Promise<ExchangeImportReport> {
  const parsed = parseW3CAnnotations(bytes);
  if (parsed.items.length === 0) {
    throw new GlossaError(
      'INVALID_INPUT',
      `${path} holds no annotations Glossa can read${parsed.problems[0] ? ` (${parsed.problems[0]})` : ''}. Export W3C Web Annotation JSON-LD or a Hypothesis API response.`,
    );
  }
  // Newest capture first, so an address's latest version is where annotations land; articles in
  // the trash last, so an address with a live version lands there. They stay candidates so an
  // item meant for one is reported as such (holdBackTrashed), not as matching nothing.
  const newest = [...ctx.library.listSnapshots()].reverse();
  const rows = [...newest.filter((r) => !inTrash(r.article)), ...newest.filter((r) => inTrash(r.article))];
  const candidates: W3CCandidate[] = [];
  for (const r of rows) {
    const s = await ctx.library.getSnapshot(r.id);
    candidates.push({
      snapshotId: s.id,
      text: await ctx.library.blobs.getText(s.textHash),
      sourceUrl: s.sourceUrl,
      canonicalUrl: s.canonicalUrl,
      images: s.images,
    });
  }
  let plan = planW3CImport(parsed.items, candidates);
  // Items from another Glossa name a snapshot id this library does not have; the same article
  // imported here has another id. Find it by the text: the quote must stand where it says.
  const retry = plan.unmatched.flatMap(({ item }) => {
    if (!item.snapshotId || !item.quote || !item.position || item.image || ctx.library.hasSnapshot(item.snapshotId)) return [];
    const { start, end } = item.position;
    const hits = candidates.filter((c) => c.text.slice(start, end) === item.quote!.exact);
    return hits.length === 1 ? [{ ...item, snapshotId: hits[0]!.snapshotId }] : [];
  });
  if (retry.length) {
    const again = planW3CImport(retry, candidates);
    const placed = new Set(retry.map((i) => i.at));
    plan = {
      matched: [...plan.matched, ...again.matched],
      unmatched: [...plan.unmatched.filter((u) => !placed.has(u.item.at)), ...again.unmatched],
      notes: [...plan.notes, ...again.notes],
    };
  }
  const report: ExchangeImportReport = {
    path,
    format: 'w3c',
    snapshotsAdded: 0,
    annotationsAdded: 0,
    annotationsUpdated: 0,
    annotationsSkipped: 0,
    unmatched: plan.unmatched.map((u) => ({ what: u.item.quote?.exact ?? u.item.at, reason: u.reason })),
    problems: [...parsed.problems, ...plan.notes],
  };
  await mergeAnnotations(ctx.library, holdBackTrashed(ctx.library, plan.matched, report), report);
  return report;
}

async function importQdpx(ctx: Context, path: string): Promise<ExchangeImportReport> {
  const read = await readQdpx(path);
  const report: ExchangeImportReport = {
    path,
    format: 'qdpx',
    snapshotsAdded: 0,
    annotationsAdded: 0,
    annotationsUpdated: 0,
    annotationsSkipped: 0,
    unmatched: [],
    problems: read.problems,
  };
  // Every source first: an annotation is placed on the snapshot its source text became.
  const placed: Annotation[] = [];
  for (const source of read.snapshots) {
    const mine = read.annotations.filter((x) => x.snapshotId === source.guid);
    // Importing the same text again would restore an article from the trash (commitSnapshot):
    // a project file must not do that silently, so its annotations are reported instead.
    const same = ctx.library.findByTextHash(sha256(utf8(canonicalFromPlainText(source.text))));
    if (same && inTrash(same.article)) {
      const reason = trashedReason(same.title);
      for (const a of mine) report.unmatched.push({ what: quoted(a), reason });
      if (mine.length === 0) report.problems.push(`The source “${source.title ?? source.guid}” is ${reason}.`);
      continue;
    }
    const outcome = await importPlainText(ctx.library, {
      raw: source.text,
      original: new TextEncoder().encode(source.text),
      method: 'file',
      sourceFile: source.sourceFile ?? `${read.name}.qdpx`,
      sourceUrl: source.sourceUrl,
      title: source.title,
      meta: { byline: source.byline, siteName: source.siteName, publishedAt: source.publishedAt },
    });
    if (!outcome.duplicate) report.snapshotsAdded++;
    const text = await ctx.library.blobs.getText((await ctx.library.getSnapshot(outcome.snapshotId)).textHash);
    for (const a of mine) {
      const where = placeTarget(text, a.target);
      if ('reason' in where) report.unmatched.push({ what: a.target.quote.exact, reason: where.reason });
      else placed.push({ ...a, snapshotId: outcome.snapshotId, target: where.target });
    }
  }
  await mergeAnnotations(ctx.library, placed, report);
  const codebook: CodeTag[] | null = mergeById(ctx.library.listCodebook(), read.codebook);
  if (codebook) await ctx.library.saveCodebook(codebook);
  const speakers: Speaker[] | null = mergeById(ctx.library.listSpeakers(), read.speakers);
  if (speakers) await ctx.library.saveSpeakers(speakers);
  return report;
}

async function importExchangeFile(ctx: Context, path: string): Promise<ExchangeImportReport> {
  const bytes = new Uint8Array(await readFile(path));
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const report = isZip ? await importQdpx(ctx, path) : await importW3C(ctx, path, bytes);
  return report;
}

/** CLI: W3C JSON-LD / Hypothesis JSON or a REFI-QDA .qdpx project, merged into the library. */
export const importExchange = op(z.object({ path: z.string().min(1) }), async (ctx, { path }) => importExchangeFile(ctx, path), { window: false });

export const importExchangeDialog = op(z.object({}).optional(), async (ctx) => {
  const [path] = await ctx.dialogs.openFiles({
    title: 'Import annotations from another tool',
    filters: [{ name: 'W3C annotations, Hypothesis, REFI-QDA', extensions: ['jsonld', 'json', 'qdpx'] }],
    multiple: false,
  });
  if (!path) return { cancelled: true as const };
  return { cancelled: false as const, ...(await importExchangeFile(ctx, path)) };
});
