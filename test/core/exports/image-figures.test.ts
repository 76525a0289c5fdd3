/** The Markdown report shows figures tagged on an image: the picture by its caption or alt text, and the area. */
import { describe, expect, it } from 'vitest';
import { imageTarget } from '../../../core/anchor/index.js';
import { toClaimReviews, toMarkdown } from '../../../core/exports/index.js';
import { Annotation, Snapshot } from '../../../core/model/index.js';
import { makeTarget } from '../../../core/text/selectors.js';

const TEXT = 'Bridge traffic\n\nThe chart shows daily crossings.\n\nAbout 48,000 vehicles crossed each day.';
const H1 = '1'.repeat(64);
const H2 = '2'.repeat(64);
const snapshot = Snapshot.parse({
  id: 's1',
  title: 'Bridge traffic',
  capturedAt: '2024-05-06T09:00:00.000Z',
  captureMethod: 'paste',
  wordCount: 12,
  textHash: 'a'.repeat(64),
  htmlHash: 'b'.repeat(64),
  blocks: [],
  images: [
    { hash: H1, mediaType: 'image/png', alt: 'Daily crossings', caption: 'Crossings per day, 2015–2024', offset: TEXT.indexOf('About') },
    { hash: H2, mediaType: 'image/png', alt: 'The *deck*', offset: TEXT.length },
  ],
});
const base = { snapshotId: 's1', createdAt: '2024-05-06T10:00:00Z', updatedAt: '2024-05-06T10:00:00Z' };
const annotations = [
  Annotation.parse({
    ...base,
    id: 'f1',
    kind: 'figure',
    target: imageTarget(TEXT, snapshot.images, { hash: H1, rect: { x: 0.125, y: 0.5, w: 0.25, h: 0.5 } }),
    fields: { value: 48000, unit: 'vehicles' },
    comment: 'the 2019 bar',
  }),
  Annotation.parse({ ...base, id: 'f2', kind: 'figure', target: imageTarget(TEXT, snapshot.images, { hash: H2, rect: null }), fields: { value: 2 } }),
  Annotation.parse({
    ...base,
    id: 'f3',
    kind: 'figure',
    target: makeTarget(TEXT, TEXT.indexOf('48,000'), TEXT.indexOf('48,000') + 6),
    fields: { value: 48000 },
  }),
];

describe('Markdown report: figures on images', () => {
  it('names the picture and the area instead of an (empty) quote, with the text figures in order', () => {
    const report = toMarkdown({ sources: [{ snapshot, text: TEXT, annotations }] });
    expect(report).toContain('## Figures (3)');
    const lines = report.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.startsWith(s));
    expect(lines[at('- Image: “Crossings per day')]).toBe('- Image: “Crossings per day, 2015–2024” — area from 12.5% across, 50% down, 25% wide, 50% high');
    expect(lines[at('- Image: “Crossings per day') + 1]).toBe(`  (image SHA-256 ${'1'.repeat(16)}…, standing at character ${TEXT.indexOf('About')})`);
    expect(report).toContain('  - Value: 48000\n  - Unit: vehicles\n  - Note: the 2019 bar');
    // Alt text is escaped like any other text; a whole image says so.
    expect(report).toContain('- Image: “The \\*deck\\*” — the whole image');
    expect(report).toContain('- > 48,000');
    expect(report).not.toMatch(/^- > $/m);
    // In text order: the chart stands before the sentence it illustrates.
    expect(at('- Image: “Crossings')).toBeLessThan(at('- > 48,000'));
  });
});

describe('ClaimReview: a claim tagged on an image', () => {
  it('reviews the picture by its caption, never an empty claim', () => {
    const claim = Annotation.parse({
      ...base,
      id: 'c1',
      kind: 'claim',
      target: imageTarget(TEXT, snapshot.images, { hash: H1, rect: null }),
      fields: { verdict: 'misleading' },
    });
    const [review] = toClaimReviews({ sources: [{ snapshot, text: TEXT, annotations: [claim] }] }) as { claimReviewed: string }[];
    expect(review!.claimReviewed).toBe('Crossings per day, 2015–2024');
  });
});
