/** Display formatting shared by the views. Locale-aware, never used for stored values. */
import { language, messagesNow } from '../i18n';
import { uiMessages } from './messages';

const dateOptions: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
const dateTimeOptions: Intl.DateTimeFormatOptions = { ...dateOptions, hour: '2-digit', minute: '2-digit' };
/** The computer's own language ("en" of en-GB): its date conventions are kept while the window speaks it. */
const systemLanguage = new Intl.DateTimeFormat().resolvedOptions().locale.toLowerCase().split('-')[0];
const dateFormats = new Map<string, { date: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat }>();

/** Dates name their month in the window's language: the computer's format when it speaks that language, the language's own otherwise. */
function dateFormatsNow(): { date: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat } {
  const lang = language.get();
  const locale = lang === systemLanguage ? undefined : lang;
  const key = locale ?? '';
  let formats = dateFormats.get(key);
  if (!formats) {
    formats = { date: new Intl.DateTimeFormat(locale, dateOptions), dateTime: new Intl.DateTimeFormat(locale, dateTimeOptions) };
    dateFormats.set(key, formats);
  }
  return formats;
}

let numberFormat = new Intl.NumberFormat();
/** Figure values keep every decimal they have (a count's three are too few for 0.0125). */
const figureOptions: Intl.NumberFormatOptions = { maximumFractionDigits: 10 };
let figureFormat = new Intl.NumberFormat(undefined, figureOptions);
let numberLocale: string | undefined;

/**
 * The number format the person chose in Settings (a locale tag such as de-DE), or undefined
 * for the window's own: figure values and counts are written with it from then on.
 */
export function setNumberLocale(locale: string | undefined): void {
  if (locale === numberLocale) return;
  numberLocale = locale;
  numberFormat = new Intl.NumberFormat(locale);
  figureFormat = new Intl.NumberFormat(locale, figureOptions);
}

export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const formats = dateFormatsNow();
  return (withTime ? formats.dateTime : formats.date).format(date);
}

export const formatNumber = (n: number): string => numberFormat.format(n);
/** A count and its noun, one or many (each language's messages give their own words). */
export const counted = (n: number, one: string, many: string): string => `${formatNumber(n)} ${n === 1 ? one : many}`;
/** A figure's value in the chosen number format, with all its decimals. */
export const formatFigureValue = (n: number): string => figureFormat.format(n);

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** Where an article came from, in a few words: site, host of the URL, or file name. */
export function describeSource(s: { siteName?: string | null; sourceUrl?: string | null; sourceFile?: string | null; captureMethod?: string }): string {
  if (s.siteName) return s.siteName;
  if (s.sourceUrl) {
    try {
      return new URL(s.sourceUrl).host;
    } catch {
      return s.sourceUrl;
    }
  }
  if (s.sourceFile) return s.sourceFile;
  return s.captureMethod === 'paste' ? messagesNow(uiMessages).pastedText : '—';
}
