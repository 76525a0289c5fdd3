/**
 * Which addresses a library may be shared through: HTTPS to any git host, or plain HTTP to
 * this computer only (a host on 127.0.0.1 for trying it out), never with a password inside
 * the address (it would end up in .git/config and in every error message).
 */
import { GlossaError } from '../model/errors.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function checkRemoteUrl(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new GlossaError(
      'INVALID_INPUT',
      `“${text.slice(0, 120)}” is not an address. Give the repository's HTTPS address, e.g. https://github.com/desk/archive.git.`,
    );
  }
  if (url.username || url.password)
    throw new GlossaError(
      'INVALID_INPUT',
      'The address contains a user name or password. Give the address without them, and the access token separately (GLOSSA_GIT_TOKEN, or the Share dialog, which keeps it in the system keychain).',
    );
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname))
    throw new GlossaError('INVALID_INPUT', `${url.host} is reached over plain HTTP, which would send your access token unencrypted. Use its https:// address.`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new GlossaError(
      'INVALID_INPUT',
      `Glossa syncs over HTTPS only (${url.protocol.replace(':', '')} addresses are not supported). Use the repository's https:// address.`,
    );
  if (url.search || url.hash) throw new GlossaError('INVALID_INPUT', 'The address has a query or fragment (after ? or #); give the repository address alone.');
  return url.toString().replace(/\/$/, '');
}

/** The address as shown in messages: host and path only. */
export const showUrl = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return url;
  }
};
