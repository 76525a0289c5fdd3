/**
 * The settings of the person on this machine (not of the library, whose settings travel with
 * it: settings.ts): the name and e-mail their work is signed with, the theme, how figure
 * values are written, and which library the app opens. Kept by the shell (Context.appSettings).
 * Not undoable: a setting is not an edit.
 */
import { z } from 'zod';
import { GlossaError } from '../model/errors.js';
import type { AppSettingsStore, Context } from './context.js';
import { LANGUAGE_CHOICES, type LanguageChoice } from '../common/languages.js';
import { SYNC_EVERY_MINUTES, type SyncEveryMinutes } from '../common/sync.js';
import { op } from './op.js';

const THEMES = ['system', 'light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

interface AppSettings {
  /** Who is working here: signs their annotations when libraries are shared (sync). */
  name: string;
  email: string;
  /** "system" follows the operating system's light or dark choice. */
  theme: Theme;
  /** The window's language ("system": the computer's, when Glossa speaks it). */
  language: LanguageChoice;
  /** A locale tag (en-GB, de-DE) for figure values and counts, or "system" for the window's own. */
  numberFormat: string;
  /** A shared library syncs by itself this often while online (0: only when the person asks). */
  syncEveryMinutes: SyncEveryMinutes;
}

interface AppSettingsView extends AppSettings {
  /** The library open now; `canSwitch` when this shell can open another (the desktop app). */
  library: { dir: string; canSwitch: boolean };
  /** Set when the settings file could not be read: the defaults are shown instead. */
  problem?: string;
}

const DEFAULTS: AppSettings = { name: '', email: '', theme: 'system', language: 'system', numberFormat: 'system', syncEveryMinutes: 0 };
const NAME_MAX = 200;
const EMAIL_MAX = 254;
/** Something@something.something, no spaces: enough to catch a typo, not a full RFC 5322 parser. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function checkName(raw: string): string {
  const name = raw.trim();
  if (CONTROL.test(name)) throw new GlossaError('INVALID_INPUT', 'Your name must be on one line, without control characters.');
  if (name.length > NAME_MAX) throw new GlossaError('INVALID_INPUT', `Your name is ${name.length} characters long; at most ${NAME_MAX} are kept. Shorten it.`);
  return name;
}

function checkEmail(raw: string): string {
  const email = raw.trim();
  if (email === '') return email;
  if (email.length > EMAIL_MAX || !EMAIL.test(email))
    throw new GlossaError(
      'INVALID_INPUT',
      `“${email.slice(0, 80)}” does not look like an e-mail address (name@example.org). Correct it, or leave the field empty.`,
    );
  return email;
}

function checkNumberFormat(tag: string): string {
  if (tag === 'system') return tag;
  let supported: string[] = [];
  try {
    supported = Intl.NumberFormat.supportedLocalesOf([tag]);
  } catch {
    // Not a well-formed tag: reported below like an unknown one.
  }
  if (supported.length !== 1) throw new GlossaError('INVALID_INPUT', `“${tag.slice(0, 40)}” is not a number format Glossa knows; choose one from the list.`);
  return tag;
}

/** What is stored, read leniently: a value this version does not understand reads as its default. */
function settingsIn(stored: Record<string, unknown>): AppSettings {
  const out = { ...DEFAULTS };
  const text = (v: unknown, check: (s: string) => string, fallback: string) => {
    if (typeof v !== 'string') return fallback;
    try {
      return check(v);
    } catch {
      return fallback;
    }
  };
  out.name = text(stored.name, checkName, DEFAULTS.name);
  out.email = text(stored.email, checkEmail, DEFAULTS.email);
  out.numberFormat = text(stored.numberFormat, checkNumberFormat, DEFAULTS.numberFormat);
  if (THEMES.includes(stored.theme as Theme)) out.theme = stored.theme as Theme;
  if (LANGUAGE_CHOICES.includes(stored.language as LanguageChoice)) out.language = stored.language as LanguageChoice;
  if (SYNC_EVERY_MINUTES.includes(stored.syncEveryMinutes as SyncEveryMinutes)) out.syncEveryMinutes = stored.syncEveryMinutes as SyncEveryMinutes;
  return out;
}

function storeOf(ctx: Context): AppSettingsStore {
  if (!ctx.appSettings) throw new GlossaError('UNAVAILABLE', 'This Glossa has no settings file to keep your settings in.');
  return ctx.appSettings;
}

const view = (ctx: Context, settings: AppSettings, problem?: string): AppSettingsView => ({
  ...settings,
  library: { dir: ctx.library.dir, canSwitch: ctx.libraries !== undefined },
  ...(problem ? { problem } : {}),
});

export const appSettings = op(z.object({}).optional(), async (ctx) => {
  try {
    return view(ctx, settingsIn(await storeOf(ctx).read()));
  } catch (e) {
    // A damaged file shows the defaults and says so; saving keeps the damaged file aside.
    if (e instanceof GlossaError && e.code === 'LIBRARY_CORRUPT') return view(ctx, { ...DEFAULTS }, e.message);
    throw e;
  }
});

/** One update of the file at a time, so two quick changes never drop one another. */
const pending = new WeakMap<AppSettingsStore, Promise<unknown>>();

export const updateAppSettings = op(
  z
    .object({
      name: z.string().max(10_000),
      email: z.string().max(10_000),
      theme: z.enum(THEMES),
      language: z.enum(LANGUAGE_CHOICES as [LanguageChoice, ...LanguageChoice[]]),
      numberFormat: z.string().max(100),
      syncEveryMinutes: z
        .number()
        .refine(
          (n): n is SyncEveryMinutes => SYNC_EVERY_MINUTES.includes(n as SyncEveryMinutes),
          `automatic sync is every ${SYNC_EVERY_MINUTES.join(', ')} minutes (0: never)`,
        )
        .transform((n) => n as SyncEveryMinutes),
    })
    .partial()
    .strict(),
  async (ctx, patch) => {
    const clean: Partial<AppSettings> = { ...patch };
    if (patch.name !== undefined) clean.name = checkName(patch.name);
    if (patch.email !== undefined) clean.email = checkEmail(patch.email);
    if (patch.numberFormat !== undefined) clean.numberFormat = checkNumberFormat(patch.numberFormat);
    const store = storeOf(ctx);
    const update = async () => {
      let stored: Record<string, unknown> = {};
      try {
        stored = await store.read();
      } catch (e) {
        if (!(e instanceof GlossaError && e.code === 'LIBRARY_CORRUPT')) throw e;
      }
      // Keys this version does not know (and the shell's own, such as the library to open) are kept.
      const next = { ...stored, ...clean };
      await store.write(next);
      return view(ctx, settingsIn(next));
    };
    const previous = pending.get(store) ?? Promise.resolve();
    const running = previous.then(update, update);
    pending.set(store, running);
    return running;
  },
);

/** "Open another library…" / "New library…": the shell asks for a folder and opens it (Context.libraries). */
export const switchLibrary = op(z.object({ kind: z.enum(['open', 'new']) }).strict(), async (ctx, { kind }) => {
  if (!ctx.libraries) throw new GlossaError('UNAVAILABLE', 'Only the desktop app can open another library.');
  const chosen = await ctx.libraries.choose(kind);
  return chosen ? { cancelled: false as const, dir: chosen.dir } : { cancelled: true as const, dir: null };
});
