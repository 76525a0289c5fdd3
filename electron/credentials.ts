/**
 * Access tokens for git hosts, kept by the operating system's keychain (Electron safeStorage:
 * Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on Linux). The file in
 * <userData> holds only the encrypted bytes, never the token, and lives outside the library,
 * so no commit, log or bundle can carry it. GLOSSA_GIT_TOKEN, when set, is used as well.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import type { GitCredentialStore } from '../core/api/context.js';
import { GlossaError } from '../core/model/errors.js';
import { writeFileDurable } from '../core/store/durable-file.js';

const FILE = 'git-credentials.json';

export function keychainCredentials(env: NodeJS.ProcessEnv = process.env): GitCredentialStore {
  const file = () => join(app.getPath('userData'), FILE);
  const readAll = async (): Promise<Record<string, string>> => {
    try {
      const parsed = JSON.parse(await readFile(file(), 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  return {
    async get(url) {
      const sealed = (await readAll())[url];
      if (sealed && safeStorage.isEncryptionAvailable()) {
        try {
          return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
        } catch {
          // Sealed by another user or machine: as if there were none (the host will ask for a new one).
        }
      }
      return env.GLOSSA_GIT_TOKEN?.trim() || null;
    },
    async set(url, token) {
      if (!safeStorage.isEncryptionAvailable())
        throw new GlossaError(
          'UNAVAILABLE',
          'This system offers no keychain to keep the access token safely. Start Glossa with GLOSSA_GIT_TOKEN set instead; it is never written anywhere.',
        );
      const all = await readAll();
      all[url] = safeStorage.encryptString(token).toString('base64');
      await writeFileDurable(file(), JSON.stringify(all, null, 2) + '\n');
    },
  };
}
