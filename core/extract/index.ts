/** Article extraction from saved web pages: the public surface of core/extract. */
export { extractArticle, type ExtractedImage } from './extract.js';

export { decodeHtml } from './decode.js';

export { parseMhtml } from './mhtml.js';
export { auditSanitised } from './audit.js';
