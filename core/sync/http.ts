/** Git's smart HTTP: one request, and the pkt-line framing both directions use. */
import type { Credentials } from './sync.js';

/** An HTTP failure in the shape isomorphic-git reports it, so one mapping (errors.ts) serves both. */
function httpError(status: number): Error {
  return Object.assign(new Error(`HTTP ${status}`), { code: 'HttpError', data: { statusCode: status } });
}

/** An answer git would never send. */
export class BadAnswer extends Error {
  override name = 'BadAnswer';
}

/** A response over `maxBytes` is cut off and refused: a hostile host cannot fill the memory. */
export class TooLarge extends Error {
  constructor(
    readonly url: string,
    readonly maxBytes: number,
  ) {
    super(`The answer from ${url} was over ${Math.round(maxBytes / 1024 / 1024)} MB and was not taken.`);
    this.name = 'TooLarge';
  }
}

export async function request(url: string, credentials: Credentials | null, init: RequestInit, maxBytes = 64 * 1024 * 1024): Promise<Buffer> {
  const headers: Record<string, string> = { 'user-agent': 'glossa', ...(init.headers as Record<string, string>) };
  if (credentials) headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers, redirect: 'follow', signal: AbortSignal.timeout(10 * 60_000) });
  } catch (e) {
    // undici hides the socket's error code in `cause`: surface it for the offline message.
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw Object.assign(new Error(cause?.message ?? (e as Error).message), { code: cause?.code ?? (e as { name?: string }).name });
  }
  if (!res.ok) throw httpError(res.status);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw new TooLarge(url, maxBytes);
    }
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts, size);
}

/** pkt-lines as text, flushes left out (a ref listing, a push's report). */
export const pktLines = (body: Buffer): string[] =>
  pktBuffers(body)
    .filter((l) => l.length > 0)
    .map((l) => l.toString('utf8'));

export const pkt = (line: string) => {
  const data = Buffer.from(line);
  return Buffer.concat([Buffer.from((data.length + 4).toString(16).padStart(4, '0')), data]);
};

/**
 * Splits git's pkt-line framing (4 hex digits of length, counting themselves, then the data;
 * 0000 flushes) into the lines' bytes; a flush is an empty line. Framing git never writes is refused.
 */
export function pktBuffers(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i + 4 <= body.length;) {
    const len = parseInt(body.toString('latin1', i, i + 4), 16);
    if (Number.isNaN(len) || (len > 0 && len < 4) || i + Math.max(len, 4) > body.length)
      throw new BadAnswer('The remote answered in a framing git does not use.');
    out.push(len === 0 ? Buffer.alloc(0) : body.subarray(i + 4, i + len));
    i += len === 0 ? 4 : len;
  }
  return out;
}
