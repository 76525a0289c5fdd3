/** Open formats for other tools: reports, citations, fact-check markup. */
export { toCslJson, snapshotToCsl, cslName } from './csl.js';
export { toClaimReviewJson, toClaimReviews } from './claimreview.js';
export { toMarkdown } from './markdown.js';
export type { ExportInput } from './source.js';

/** The open formats `glossa export --format` writes besides the .glossa bundle. */
export const OPEN_FORMATS = ['jsonld', 'csv', 'qdpx', 'md', 'csl', 'claimreview'] as const;
export type OpenFormat = (typeof OPEN_FORMATS)[number];
