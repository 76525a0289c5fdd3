/** The network's, the git host's and isomorphic-git's errors, as messages a person can act on. */
import { GlossaError } from '../model/errors.js';
import { BadAnswer, TooLarge } from './http.js';
import { BadPack } from './pack.js';
import { showUrl } from './remote-url.js';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

export function remoteError(e: unknown, url: string, lastSuccess: string | null): unknown {
  if (e instanceof GlossaError) return e;
  if (e instanceof BadPack || e instanceof BadAnswer || e instanceof TooLarge)
    return new GlossaError('BAD_REMOTE', `${e.message} Nothing was taken from the remote; your library is unchanged.`);
  const err = e as { code?: string; message?: string; data?: { statusCode?: number; response?: string } };
  const where = showUrl(url);
  const since = lastSuccess ? ` It last synced at ${lastSuccess}.` : ' It has not synced yet.';
  const status = err.code === 'HttpError' ? err.data?.statusCode : undefined;
  if (status === 401 || status === 403 || err.code === 'UserCanceledError')
    return new GlossaError(
      'AUTH_FAILED',
      `${where} refused the credentials (HTTP ${status ?? 401}): the access token is missing, wrong or expired. Make a new token on the git host with read and write access to the repository, then give it in Share library… or as GLOSSA_GIT_TOKEN.${since}`,
    );
  if (status === 404)
    return new GlossaError('NOT_FOUND', `There is no repository at ${where} (HTTP 404), or your token cannot see it. Check the address.${since}`);
  if (status !== undefined) return new GlossaError('NETWORK', `${where} answered HTTP ${status}. Try again later; your work is kept here.${since}`);
  const message = err.message ?? String(e);
  if ((err.code && NETWORK_CODES.has(err.code)) || /socket hang up|network|ECONN|timed out|getaddrinfo/i.test(message))
    return new GlossaError(
      'NETWORK',
      `Could not reach ${where} (${err.code ?? message}). You can keep working offline; sync again when the connection is back.${since}`,
    );
  return e;
}
