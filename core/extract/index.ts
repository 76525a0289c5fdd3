/** Article extraction from saved web pages: the public surface of core/extract. */
export { extractArticle, bodyText, type ExtractedArticle, type ExtractedImage, type ExtractOptions } from './extract.js';
export { htmlToCanonical, canonicalFromTree, type CanonicalText, type CanonTreeAdapter } from './canonical.js';
export { decodeHtmlBytes, decodeHtml, type DecodedPage } from './decode.js';
export { sanitiseArticleHtml, IMAGE_SRC_ATTR, type SanitiseOptions } from './sanitise.js';
export { MAX_HTML_CHARS, MAX_DEPTH } from './limits.js';
export { RULES, type RuleName } from './boilerplate.js';
export { parseMhtml, type MhtmlPage, type MhtmlResource } from './mhtml.js';
export { auditSanitised } from './audit.js';
