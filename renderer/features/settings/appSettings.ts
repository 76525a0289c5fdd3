/**
 * The person's settings as the window holds them (core/api/app-settings.ts): read once at
 * start, applied to the page (theme, language, number format) and replaced by every save.
 */
import type { OpInput, OpOutput } from '../../../core/api';
import { reportError } from '../../app/messages';
import { createStore } from '../../app/store';
import { glossa } from '../../glossa';
import { messagesNow, setLanguage } from '../../i18n';
import { interfaceLanguage } from '../../../core/common/languages';
import { setNumberLocale } from '../../ui/format';
import { settingsMessages } from './messages';
import { applyTheme } from './theme';

export type AppSettingsView = OpOutput<'appSettings'>;
type AppSettingsPatch = OpInput<'updateAppSettings'>;

/** null until read (the page shows the defaults meanwhile: the window's locale, the system's theme). */
export const appSettings = createStore<AppSettingsView | null>(null);

function apply(settings: AppSettingsView): AppSettingsView {
  applyTheme(settings.theme);
  setLanguage(interfaceLanguage(settings.language, navigator.languages));
  setNumberLocale(settings.numberFormat === 'system' ? undefined : settings.numberFormat);
  appSettings.set(settings);
  return settings;
}

export async function loadAppSettings(): Promise<void> {
  try {
    const settings = apply(await glossa().appSettings({}));
    if (settings.problem) reportError(new Error(settings.problem));
  } catch (e) {
    reportError(e, messagesNow(settingsMessages).couldNotReadSettings);
  }
}

/**
 * A choice from a list (theme, number format): shown at once, as a control answers a click,
 * then saved; if saving fails the previous choice comes back and the failure is reported.
 */
export function chooseAppSetting(patch: Pick<AppSettingsPatch, 'theme' | 'language' | 'numberFormat' | 'syncEveryMinutes'>, doing: string): void {
  const before = appSettings.get();
  if (before) apply({ ...before, ...patch } as AppSettingsView);
  saveAppSettings(patch).catch((e: unknown) => {
    if (before) apply(before);
    reportError(e, doing);
  });
}

/** Saves a change; throws (ClientError) when core refuses it, so the field can say why. */
export async function saveAppSettings(patch: AppSettingsPatch): Promise<AppSettingsView> {
  const saved = await glossa().updateAppSettings(patch);
  return apply(saved);
}
