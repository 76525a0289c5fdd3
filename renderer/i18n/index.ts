/**
 * The window's words, in the person's language. Each folder keeps its own messages
 * (messages.ts beside its components) as one object per language; `defineMessages` makes the
 * compiler hold every translation to English's shape, so a language cannot miss a message or
 * take other arguments. A message with numbers or names is a function of them, so each
 * language orders and inflects its own sentence.
 *
 * No i18n library: typed objects give what one would (checked keys, plurals by function)
 * plus a compile-time check of completeness, in a few lines.
 */
import { createStore, useStore } from '../app/store';
import type { InterfaceLanguage } from '../../core/common/languages';

/** A message: words, words by key (one per kind), or words made from arguments (a count, a name). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any argument list: each message names its own
type Message = string | Readonly<Record<string, string>> | ((...args: any[]) => unknown);

/** A translation of `T`: the same keys, each words, words for the same keys, or a function of the same arguments. */
export type Translation<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => R
    : T[K] extends string
      ? string
      : { readonly [P in keyof T[K]]: string };
};

export type Messages<T> = { readonly en: T } & { readonly [L in Exclude<InterfaceLanguage, 'en'>]: Translation<T> };

export function defineMessages<T extends Record<string, Message>>(
  messages: { en: T } & { [L in Exclude<InterfaceLanguage, 'en'>]: Translation<T> },
): Messages<T> {
  return messages;
}

/** The language the window speaks now (settings.ts sets it from the person's settings). */
export const language = createStore<InterfaceLanguage>('en');

export function setLanguage(next: InterfaceLanguage): void {
  language.set(next);
  // The page's lang (screen readers, hyphenation, :lang() rules); no page when a test reads messages in Node.
  const root = (globalThis as { document?: { documentElement: { lang: string } } }).document?.documentElement;
  if (root) root.lang = next;
}

/** A folder's messages in the window's language; the component shows them again when it changes. */
export function useMessages<T>(messages: Messages<T>): Translation<T> {
  return messages[useStore(language)] as Translation<T>;
}

/** The same outside a component (a notice, an undo label): the language at the time of the call. */
export function messagesNow<T>(messages: Messages<T>): Translation<T> {
  return messages[language.get()] as Translation<T>;
}
