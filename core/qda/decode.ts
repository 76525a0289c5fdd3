import { GlossaError, type GlossaErrorCode } from '../model/errors.js';

/** XML bytes as text: UTF-8 unless a byte order mark says UTF-16 (some Windows tools write it). */
export function decodeXmlBytes(bytes: Uint8Array, what: string, code: GlossaErrorCode): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new GlossaError(code, `${what} is not UTF-8 text, as REFI-QDA requires; export it again from the tool that made it.`);
  }
}

/**
 * A plain-text source: UTF-8 (REFI §9.1.2) with any byte order mark dropped, since tools
 * count positions in the text after it. Bytes that are not UTF-8 become U+FFFD (one code
 * point each), and `lossy` says so.
 */
export function decodeSourceText(bytes: Uint8Array): { text: string; lossy: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), lossy: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), lossy: true };
  }
}
