/**
 * schema.org ClaimReview JSON-LD for the claims that carry a verdict: the format search
 * engines and fact-check aggregators read. Claims left "unverified" are not reviews and are
 * not exported.
 */
import type { Annotation, Verdict } from '../model/index.js';
import { addressOf, live, type ExportInput } from './source.js';

/** Verdicts on a 1–5 scale (1 false … 5 supported), with the label shown beside the number. */
export const VERDICT_RATING: Record<Exclude<Verdict, 'unverified'>, { value: number; label: string }> = {
  false: { value: 1, label: 'False' },
  misleading: { value: 2, label: 'Misleading' },
  unsupported: { value: 2, label: 'Unsupported' },
  disputed: { value: 3, label: 'Disputed' },
  supported: { value: 5, label: 'Supported' },
};

export interface ClaimReviewOptions {
  /** Who reviewed (the researcher or the organisation); schema.org wants an author. */
  reviewer?: string;
}

function imageWords(snapshot: ExportInput['sources'][number]['snapshot'], hash: string | undefined): string {
  const image = snapshot.images.find((i) => i.hash === hash);
  return image ? image.caption || image.alt || 'an image of the article' : '';
}

export function toClaimReviews(input: ExportInput, opts: ClaimReviewOptions = {}): object[] {
  const reviews: object[] = [];
  for (const { snapshot, annotations } of input.sources) {
    for (const a of live(annotations)) {
      const verdict = a.kind === 'claim' ? a.fields.verdict : null;
      if (!verdict || verdict === 'unverified') continue;
      const rating = VERDICT_RATING[verdict];
      const url = addressOf(snapshot);
      reviews.push({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        '@id': `urn:glossa:annotation:${a.id}`,
        // A claim tagged on a picture has no quoted words: its caption or alt text says what it shows.
        claimReviewed: a.target.quote.exact || imageWords(snapshot, a.target.image?.hash),
        datePublished: a.updatedAt.slice(0, 10),
        author: { '@type': 'Organization', name: opts.reviewer ?? 'Glossa user' },
        reviewRating: { '@type': 'Rating', ratingValue: rating.value, bestRating: 5, worstRating: 1, alternateName: rating.label },
        itemReviewed: {
          '@type': 'Claim',
          ...(a.fields.claimant ? { author: { '@type': 'Person', name: a.fields.claimant } } : {}),
          appearance: {
            '@type': 'NewsArticle',
            headline: snapshot.title,
            ...(url ? { url } : {}),
            ...(snapshot.publishedAt ? { datePublished: snapshot.publishedAt } : {}),
            ...(snapshot.siteName ? { publisher: { '@type': 'Organization', name: snapshot.siteName } } : {}),
          },
        },
        ...(evidenceText(a) ? { reviewBody: evidenceText(a) } : {}),
      });
    }
  }
  return reviews;
}

function evidenceText(a: Annotation): string {
  const items = (a.fields.evidence ?? []).map((e) => [e.note, e.url].filter(Boolean).join(' — '));
  return [a.fields.evidenceNote ?? '', ...items].filter(Boolean).join('\n');
}

export const toClaimReviewJson = (input: ExportInput, opts?: ClaimReviewOptions): string => `${JSON.stringify(toClaimReviews(input, opts), null, 2)}\n`;
