/**
 * The app settings of the person on this machine (name, e-mail, theme, number format, which
 * library to open), kept in one JSON file outside any library: `<userData>/settings.json` for
 * the desktop app and the CLI, a test's own file in the browser harness. The shell hands the
 * store to core through Context.appSettings.
 */
import { readFile, rename } from 'node:fs/promises';
import { GlossaError } from '../model/errors.js';
import { writeFileDurable } from '../store/durable-file.js';
import type { AppSettingsStore } from './context.js';

/** settings.json beside the app's other per-user data. */
export const APP_SETTINGS_FILE = 'settings.json';

export function appSettingsFile(file: string): AppSettingsStore {
  return {
    async read() {
      const text = await readText(file);
      if (text === null) return {};
      const values = parse(text);
      if (values) return values;
      throw new GlossaError(
        'LIBRARY_CORRUPT',
        `Your settings file ${file} is damaged (not a JSON object), so Glossa shows its defaults. Saving a setting keeps the damaged file beside it as ${file}.damaged.`,
      );
    },
    async write(values) {
      // A damaged file is kept aside, never overwritten: it may hold what the person typed.
      const text = await readText(file);
      if (text !== null && !parse(text)) await rename(file, `${file}.damaged`);
      await writeFileDurable(file, JSON.stringify(values, null, 2) + '\n');
    },
  };
}

async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function parse(text: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
