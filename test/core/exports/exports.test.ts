/** Markdown report, CSL-JSON and ClaimReview from real snapshots of a real library. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cslName, snapshotToCsl, toClaimReviews, toCslJson, toMarkdown, type ExportInput } from '../../../core/exports/index.js';
import { importPage } from '../../../core/ingest/index.js';
import { Annotation } from '../../../core/model/index.js';
import { openLibrary } from '../../../core/store/index.js';
import type { LibraryStore } from '../../../core/store/types.js';
import { makeTarget } from '../../../core/text/selectors.js';

const PAGE = `<!doctype html><html lang="en"><head><title>Budget passes</title><meta property="og:site_name" content="The Courier">
<meta name="author" content="Jo Smith"><meta property="article:published_time" content="2024-03-05T10:00:00Z"><link rel="canonical" href="https://courier.example/budget"></head>
<body><article><h1>Budget passes</h1><p>The council approved a budget of $3.4 billion, the mayor said. "Every school gets a nurse," said Mayor Ana Ruiz.</p><p>${'More council text follows here. '.repeat(20)}</p></article></body></html>`;

let dir: string;
let library: LibraryStore;
let input: ExportInput;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'glossa-exports-'));
  library = await openLibrary(join(dir, 'lib'));
  const { snapshotId } = await importPage(library, { bytes: new TextEncoder().encode(PAGE), format: 'html', name: 'budget.html', method: 'file' });
  const snapshot = await library.getSnapshot(snapshotId);
  const text = await library.blobs.getText(snapshot.textHash);
  const at = (s: string) => makeTarget(text, text.indexOf(s), text.indexOf(s) + s.length);
  const base = { snapshotId, tags: [], comment: '', links: [], createdAt: '2024-03-06T00:00:00Z', updatedAt: '2024-03-07T00:00:00Z', deletedAt: null };
  const annotations = [
    Annotation.parse({
      ...base,
      id: 'c1',
      kind: 'claim',
      target: at('approved a budget of $3.4 billion'),
      fields: {
        claimant: 'the mayor',
        verdict: 'supported',
        evidenceNote: 'Budget book p. 4',
        evidence: [{ url: 'https://city.example/budget.pdf', note: 'adopted budget' }],
      },
    }),
    Annotation.parse({ ...base, id: 'c2', kind: 'claim', target: at('Every school gets a nurse'), fields: { verdict: 'unverified' } }),
    Annotation.parse({ ...base, id: 'f1', kind: 'figure', target: at('$3.4 billion'), fields: { value: 3.4e9, unit: 'USD', measure: 'city budget' } }),
    Annotation.parse({
      ...base,
      id: 'q1',
      kind: 'quote',
      target: at('Every school gets a nurse,'),
      fields: { speaker: 's1', quoteType: 'direct', cue: 'said' },
      comment: 'check with the schools office',
    }),
    Annotation.parse({ ...base, id: 'gone', kind: 'note', target: at('council'), fields: {}, deletedAt: '2024-03-08T00:00:00Z' }),
  ];
  input = {
    sources: [{ snapshot, text, annotations }],
    speakers: [{ id: 's1', name: 'Ana Ruiz', aliases: [], role: 'Mayor', organisation: null, createdAt: '', updatedAt: '' }],
  };
});
afterAll(async () => {
  await library.close();
  await rm(dir, { recursive: true, force: true });
});

describe('CSL-JSON', () => {
  it('cites the article with author, site, dates and address', () => {
    const [item] = JSON.parse(toCslJson(input));
    expect(item).toMatchObject({
      type: 'article-newspaper',
      title: 'Budget passes',
      author: [{ family: 'Smith', given: 'Jo' }],
      'container-title': 'The Courier',
      issued: { 'date-parts': [[2024, 3, 5]] },
      URL: 'https://courier.example/budget',
      language: 'en',
    });
    expect(item.accessed['date-parts'][0]).toHaveLength(3);
  });
  it('keeps organisations and single names literal', () => {
    expect(cslName('Reuters Staff')).toEqual({ literal: 'Reuters Staff' });
    expect(cslName('By Mary Ann Evans')).toEqual({ family: 'Evans', given: 'Mary Ann' });
    expect(snapshotToCsl({ ...input.sources[0]!.snapshot, siteName: null, canonicalUrl: null, sourceUrl: null }).type).toBe('document');
  });
});

describe('ClaimReview', () => {
  it('exports claims with a verdict only, rated and linked to the article', () => {
    const reviews = toClaimReviews(input, { reviewer: 'Desk' }) as Record<string, any>[];
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: 'approved a budget of $3.4 billion',
      author: { name: 'Desk' },
      reviewRating: { ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: 'Supported' },
      itemReviewed: {
        '@type': 'Claim',
        author: { name: 'the mayor' },
        appearance: { url: 'https://courier.example/budget', headline: 'Budget passes', datePublished: '2024-03-05T10:00:00Z' },
      },
    });
    expect(reviews[0]!.reviewBody).toContain('https://city.example/budget.pdf');
  });
  it('rates the latest verdict of a claim with a history, dated by its first and latest verdict, naming each earlier one', () => {
    const claim = input.sources[0]!.annotations.find((a) => a.id === 'c1')!;
    const history = [
      { verdict: 'disputed' as const, at: '2024-03-06T09:00:00.000Z', note: 'the mayor rounded up' },
      { verdict: null, at: '2024-03-07T09:00:00.000Z', note: '' },
      { verdict: 'false' as const, at: '2024-04-02T16:30:00.000Z', note: 'budget book says $3.1 billion' },
    ];
    const withHistory = Annotation.parse({ ...claim, fields: { ...claim.fields, verdict: 'false', verdictHistory: history } });
    const [review] = toClaimReviews({ ...input, sources: [{ ...input.sources[0]!, annotations: [withHistory] }] }) as Record<string, any>[];
    expect(review!.reviewRating).toMatchObject({ ratingValue: 1, alternateName: 'False' });
    expect(review!.datePublished).toBe('2024-03-06');
    expect(review!.dateModified).toBe('2024-04-02');
    const body = String(review!.reviewBody).split('\n');
    expect(body[0]).toBe('budget book says $3.1 billion');
    expect(body.slice(-2)).toEqual(['Earlier verdict: Disputed (2024-03-06) — the mayor rounded up', 'Earlier verdict: Unverified (2024-03-07)']);
    // Without a history: the claim's last edit, and no dateModified.
    const [plain] = toClaimReviews(input) as Record<string, any>[];
    expect(plain!.datePublished).toBe('2024-03-07');
    expect(plain).not.toHaveProperty('dateModified');
  });
});

describe('Markdown report', () => {
  it('cites the article and quotes every live annotation exactly, with its fields', () => {
    const report = toMarkdown(input);
    expect(report).toMatch(/^# Budget passes\n\nSmith, J\. \(2024-03-05\)\. \*Budget passes\*\. The Courier\. <https:\/\/courier\.example\/budget>/);
    expect(report).toContain('## Claims (2)');
    expect(report).toContain('- > Every school gets a nurse,');
    expect(report).toContain('  - Speaker: Ana Ruiz');
    expect(report).toContain('  - Value: 3400000000');
    expect(report).toContain('  - Evidence: adopted budget — https://city.example/budget.pdf');
    expect(report).toContain('  - Note: check with the schools office');
    expect(report).not.toContain('## Notes');
    // Markdown in a quote cannot break the report's structure.
    const hostile = toMarkdown({ sources: [{ ...input.sources[0]!, snapshot: { ...input.sources[0]!.snapshot, title: '# <script>x</script>' } }] });
    expect(hostile).toContain('# \\# \\<script\\>x\\</script\\>');
  });
});
