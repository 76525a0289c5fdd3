/**
 * The languages Glossa's window speaks. Settings keep a choice ("system" follows the computer);
 * the window and the desktop menu both resolve it with `interfaceLanguage`.
 */
export const INTERFACE_LANGUAGES = ['en', 'es'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];
export type LanguageChoice = 'system' | InterfaceLanguage;
export const LANGUAGE_CHOICES: readonly LanguageChoice[] = ['system', ...INTERFACE_LANGUAGES];

/** Each language by its own name, as a person looking for it reads it. */
export const LANGUAGE_NAMES: Record<InterfaceLanguage, string> = { en: 'English', es: 'Español' };

/** The language to show: the choice, or for "system" the first of the computer's languages Glossa speaks (English otherwise). */
export function interfaceLanguage(choice: LanguageChoice, systemLocales: readonly string[]): InterfaceLanguage {
  if (choice !== 'system') return choice;
  for (const tag of systemLocales) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    const found = INTERFACE_LANGUAGES.find((l) => l === base);
    if (found) return found;
  }
  return 'en';
}
