/**
 * schema.org ClaimReview JSON-LD for the claims that carry a verdict: the format search
 * engines and fact-check aggregators read. Claims left "unverified" are not reviews and are
 * not exported. ClaimReview has no list of past ratings, so a claim's verdict history gives
 * the dates (datePublished: the first verdict; dateModified: the latest) and the review's
 * text names each earlier verdict with its date and note; the rating is the current verdict.
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
        ...reviewDates(a),
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
        ...(reviewText(a) ? { reviewBody: reviewText(a) } : {}),
      });
    }
  }
  return reviews;
}

const day = (iso: string) => iso.slice(0, 10);

/** When the claim was first given a verdict and when it last changed; without a history, its last edit. */
function reviewDates(a: Annotation): { datePublished: string; dateModified?: string } {
  const history = a.fields.verdictHistory ?? [];
  if (history.length === 0) return { datePublished: day(a.updatedAt) };
  const first = day(history[0]!.at);
  const last = day(history.at(-1)!.at);
  return last === first ? { datePublished: first } : { datePublished: first, dateModified: last };
}

const verdictName = (v: Verdict | null) => (v && v !== 'unverified' ? VERDICT_RATING[v].label : 'Unverified');

/** The verdict's note, the evidence, then each earlier verdict with its date and note. */
function reviewText(a: Annotation): string {
  const history = a.fields.verdictHistory ?? [];
  const latest = history.at(-1);
  const items = (a.fields.evidence ?? []).map((e) => [e.note, e.url].filter(Boolean).join(' — '));
  const earlier = history.slice(0, -1).map((c) => `Earlier verdict: ${verdictName(c.verdict)} (${day(c.at)})${c.note ? ` — ${c.note}` : ''}`);
  return [latest?.note ?? '', a.fields.evidenceNote ?? '', ...items, ...earlier].filter(Boolean).join('\n');
}

export const toClaimReviewJson = (input: ExportInput, opts?: ClaimReviewOptions): string => `${JSON.stringify(toClaimReviews(input, opts), null, 2)}\n`;
