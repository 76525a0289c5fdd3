/**
 * What the undo menu calls each reversible step ("tag quote", "delete 3 articles", "add tag
 * “Housing”"): every form of label, defined once, in every language the window speaks. Core
 * builds the English label with `undoLabel` (it travels in each Mutation; the CLI and tests
 * read it as it is); the window shows it with `localiseUndoLabel`, which recognises the form an
 * English label was built from and writes it again in the person's language. Pure (no Node):
 * core/common is shared with the window.
 */
import type { AnnotationKind } from '../model/annotation.js';
import { KIND_NAME } from './kinds.js';
import type { InterfaceLanguage } from './languages.js';

/**
 * Each form of label, in each language. A placeholder's name says what it holds (SLOTS):
 * {kind} and {other} an annotation's kind, {annotations} several annotations ("quote", "3
 * quotes", "5 annotations"), {articles} a count of articles, {fields} article fields, {name},
 * {source} and {target} a name as it was typed, {names} several (“A”, “B”).
 */
export const UNDO_LABELS = {
  // Annotations (core/api/annotations.ts).
  tag: { en: 'tag {kind}', es: 'etiquetar {kind}' },
  edit: { en: 'edit {kind}', es: 'editar {kind}' },
  delete: { en: 'delete {kind}', es: 'eliminar {kind}' },
  restore: { en: 'restore {kind}', es: 'restaurar {kind}' },
  extend: { en: 'extend {kind}', es: 'alargar {kind}' },
  shrink: { en: 'shrink {kind}', es: 'acortar {kind}' },
  tagWith: { en: 'tag {kind} {names}', es: 'etiquetar {kind} con {names}' },
  untag: { en: 'untag {kind} {names}', es: 'quitar {names} de {kind}' },
  setVerdict: { en: 'set verdict', es: 'poner veredicto' },
  editEvidence: { en: 'edit evidence', es: 'editar pruebas' },
  link: { en: 'link {kind} to {other}', es: 'vincular {kind} con {other}' },
  unlink: { en: 'unlink {kind}', es: 'desvincular {kind}' },
  accept: { en: 'accept {annotations}', es: 'aceptar {annotations}' },

  // Suggestions (core/api/suggest.ts).
  suggest: { en: 'suggest {annotations}', es: 'sugerir {annotations}' },
  suggestNothing: { en: 'suggest nothing new', es: 'sugerir (nada nuevo)' },
  reject: { en: 'reject {annotations}', es: 'descartar {annotations}' },
  editAndAccept: { en: 'edit and accept {annotations}', es: 'editar y aceptar {annotations}' },
  reviewSuggestions: { en: 'review suggestions', es: 'revisar sugerencias' },

  // Conflicts (core/api/bundles.ts).
  resolveConflict: { en: 'resolve conflict', es: 'resolver conflicto' },

  // Articles and collections (core/api/articles.ts).
  changeArticles: { en: 'change articles', es: 'cambiar artículos' },
  deleteArticles: { en: 'delete {articles}', es: 'eliminar {articles}' },
  restoreArticles: { en: 'restore {articles}', es: 'restaurar {articles}' },
  keepArticle: { en: 'keep article', es: 'conservar artículo' },
  deleteArticle: { en: 'delete article', es: 'eliminar artículo' },
  editArticle: { en: 'edit {fields}', es: 'editar {fields}' },
  tagArticles: { en: 'tag articles', es: 'etiquetar artículos' },
  untagArticles: { en: 'untag articles', es: 'quitar etiquetas de artículos' },
  newCollection: { en: 'new collection “{name}”', es: 'nueva colección “{name}”' },
  renameCollection: { en: 'rename collection “{name}”', es: 'renombrar colección “{name}”' },
  moveCollection: { en: 'move collection “{name}”', es: 'mover colección “{name}”' },
  deleteCollection: { en: 'delete collection “{name}”', es: 'eliminar colección “{name}”' },
  fileArticles: { en: 'add to “{name}”', es: 'añadir a “{name}”' },
  unfileArticles: { en: 'remove from “{name}”', es: 'quitar de “{name}”' },

  // The codebook (core/api/codebook.ts).
  changeCodebook: { en: 'change codebook', es: 'cambiar libro de códigos' },
  addTag: { en: 'add tag “{name}”', es: 'añadir etiqueta “{name}”' },
  renameTag: { en: 'rename tag “{name}”', es: 'renombrar etiqueta “{name}”' },
  editTag: { en: 'edit tag “{name}”', es: 'editar etiqueta “{name}”' },
  deleteTag: { en: 'delete tag “{name}”', es: 'eliminar etiqueta “{name}”' },
  mergeTags: { en: 'merge into “{name}”', es: 'combinar en “{name}”' },
  importCodebook: { en: 'import codebook', es: 'importar libro de códigos' },

  // Speakers (core/api/speakers.ts).
  changeSpeakers: { en: 'change speakers', es: 'cambiar hablantes' },
  addSpeaker: { en: 'add speaker “{name}”', es: 'añadir hablante “{name}”' },
  renameSpeaker: { en: 'rename speaker “{name}”', es: 'renombrar hablante “{name}”' },
  editSpeaker: { en: 'edit speaker “{name}”', es: 'editar hablante “{name}”' },
  deleteSpeaker: { en: 'delete speaker “{name}”', es: 'eliminar hablante “{name}”' },
  mergeSpeakers: { en: 'merge “{source}” into “{target}”', es: 'combinar “{source}” con “{target}”' },
} as const satisfies Record<string, Record<InterfaceLanguage, string>>;

export type UndoLabelForm = keyof typeof UNDO_LABELS;

// ---- what a placeholder holds ----------------------------------------------------------------

/**
 * One kind of placeholder: how core writes its value in English, what that English looks like
 * (a regular expression without capturing groups), and how to say it in a language.
 */
interface Slot<V> {
  en(value: V): string;
  pattern: string;
  /** The English text of the placeholder, said in `language`. */
  say(english: string, language: InterfaceLanguage): string;
}

type Words = { one: string; many: string };

/** Kinds in running text, one and several (English's own come from KIND_NAME). */
const KIND_WORDS: Record<InterfaceLanguage, Record<AnnotationKind, Words>> = {
  en: {
    quote: { one: KIND_NAME.quote, many: `${KIND_NAME.quote}s` },
    claim: { one: KIND_NAME.claim, many: `${KIND_NAME.claim}s` },
    figure: { one: KIND_NAME.figure, many: `${KIND_NAME.figure}s` },
    note: { one: KIND_NAME.note, many: `${KIND_NAME.note}s` },
  },
  es: {
    quote: { one: 'cita', many: 'citas' },
    claim: { one: 'afirmación', many: 'afirmaciones' },
    figure: { one: 'cifra', many: 'cifras' },
    note: { one: 'nota', many: 'notas' },
  },
};

/** Annotations of several kinds, and articles. */
const ANNOTATION_WORDS: Record<InterfaceLanguage, Words> = { en: { one: 'annotation', many: 'annotations' }, es: { one: 'anotación', many: 'anotaciones' } };
const ARTICLE_WORDS: Record<InterfaceLanguage, Words> = { en: { one: 'article', many: 'articles' }, es: { one: 'artículo', many: 'artículos' } };

/**
 * Article fields as core names them in English (FIELD_NAMES in core/articles/record.ts), said
 * in each other language. A field missing here leaves its label in English.
 */
const FIELD_WORDS: Record<Exclude<InterfaceLanguage, 'en'>, Record<string, string>> = {
  es: {
    title: 'título',
    authors: 'autores',
    outlet: 'medio',
    section: 'sección',
    'source address': 'dirección de origen',
    'published date': 'fecha de publicación',
    language: 'idioma',
    'text direction': 'dirección del texto',
    note: 'nota',
  },
};

const KINDS = Object.keys(KIND_NAME) as AnnotationKind[];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const counted = (n: number, words: Words) => `${n} ${n === 1 ? words.one : words.many}`;
const kindOf = (english: string) => KINDS.find((k) => KIND_NAME[k] === english);

const kindSlot: Slot<AnnotationKind> = {
  en: (kind) => KIND_NAME[kind],
  pattern: `(?:${KINDS.map((k) => escape(KIND_NAME[k])).join('|')})`,
  say: (english, language) => {
    const kind = kindOf(english);
    return kind ? KIND_WORDS[language][kind].one : english;
  },
};

/** "quote" (one), "3 quotes" (several of one kind), "5 annotations" (of several kinds): one kind per annotation. */
const annotationsSlot: Slot<readonly AnnotationKind[]> = {
  en: (kinds) => {
    const distinct = new Set(kinds);
    if (kinds.length === 1) return KIND_NAME[kinds[0]!];
    return distinct.size === 1 ? counted(kinds.length, KIND_WORDS.en[kinds[0]!]) : counted(kinds.length, ANNOTATION_WORDS.en);
  },
  pattern: `(?:\\d+ (?:${[...KINDS.map((k) => KIND_WORDS.en[k]), ANNOTATION_WORDS.en].flatMap((w) => [escape(w.many), escape(w.one)]).join('|')})|${KINDS.map((k) => escape(KIND_NAME[k])).join('|')})`,
  say: (english, language) => {
    const numbered = /^(\d+) (.+)$/.exec(english);
    if (!numbered) return kindSlot.say(english, language);
    const n = Number(numbered[1]);
    const word = numbered[2]!;
    const kind = KINDS.find((k) => KIND_WORDS.en[k].one === word || KIND_WORDS.en[k].many === word);
    return counted(n, kind ? KIND_WORDS[language][kind] : ANNOTATION_WORDS[language]);
  },
};

const articlesSlot: Slot<number> = {
  en: (n) => counted(n, ARTICLE_WORDS.en),
  pattern: `\\d+ (?:${escape(ARTICLE_WORDS.en.many)}|${escape(ARTICLE_WORDS.en.one)})`,
  say: (english, language) => counted(Number(/^\d+/.exec(english)![0]), ARTICLE_WORDS[language]),
};

/** Fields named in English (FIELD_NAMES), written "title, authors". */
const fieldsSlot: Slot<readonly string[]> = {
  en: (fields) => fields.join(', '),
  pattern: (() => {
    const one = `(?:${Object.keys(FIELD_WORDS.es)
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|')})`;
    return `${one}(?:, ${one})*`;
  })(),
  say: (english, language) =>
    language === 'en'
      ? english
      : english
          .split(', ')
          .map((f) => FIELD_WORDS[language][f] ?? f)
          .join(', '),
};

/** A name as typed (a tag, a speaker, a collection): never translated. */
const nameSlot: Slot<string> = { en: (name) => name, pattern: '.*', say: (english) => english };

/** Several names, each in quotes: “Budget”, “Housing”. */
const namesSlot: Slot<readonly string[]> = { en: (names) => names.map((n) => `“${n}”`).join(', '), pattern: '“.*”', say: (english) => english };

const SLOTS = {
  kind: kindSlot,
  other: kindSlot,
  annotations: annotationsSlot,
  articles: articlesSlot,
  fields: fieldsSlot,
  name: nameSlot,
  source: nameSlot,
  target: nameSlot,
  names: namesSlot,
};
type SlotName = keyof typeof SLOTS;

// ---- building and reading labels ---------------------------------------------------------------

/** The placeholders of a template: 'link {kind} to {other}' → 'kind' | 'other'. */
type SlotsOf<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | SlotsOf<Rest> : never;
type ValueOf<P> = P extends SlotName ? ((typeof SLOTS)[P] extends Slot<infer V> ? V : never) : never;
type SlotsOfForm<F extends UndoLabelForm> = SlotsOf<(typeof UNDO_LABELS)[F]['en']>;
/** A form's arguments: none for a fixed label, else one value per placeholder. */
export type UndoLabelArgs<F extends UndoLabelForm> = [SlotsOfForm<F>] extends [never] ? [] : [{ [P in SlotsOfForm<F>]: ValueOf<P> }];

const PLACEHOLDER = /\{(\w+)\}/g;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** The label core gives a step, in English: undoLabel('tag', { kind: 'quote' }) → "tag quote". */
export function undoLabel<F extends UndoLabelForm>(form: F, ...args: UndoLabelArgs<F>): string {
  const given = (args[0] ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) values[name] = (SLOTS[name as SlotName] as Slot<unknown>).en(value);
  return fill(UNDO_LABELS[form].en, values);
}

interface Reader {
  form: UndoLabelForm;
  match: RegExp;
  slots: SlotName[];
}

let readers: Reader[] | null = null;

/** One regular expression per form, matching the English labels built from it (made on first use). */
function formReaders(): Reader[] {
  if (readers) return readers;
  readers = (Object.keys(UNDO_LABELS) as UndoLabelForm[]).map((form) => {
    const template: string = UNDO_LABELS[form].en;
    const slots: SlotName[] = [];
    let source = '';
    let last = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      const name = m[1] as SlotName;
      source += `${escape(template.slice(last, m.index))}(${SLOTS[name].pattern})`;
      slots.push(name);
      last = m.index + m[0].length;
    }
    source += escape(template.slice(last));
    return { form, match: new RegExp(`^${source}$`, 's'), slots };
  });
  return readers;
}

/**
 * An undo label as core wrote it (in English), in `language`: kinds, counts and article fields
 * said in that language, names as they were typed. A label no form built comes back unchanged.
 */
export function localiseUndoLabel(label: string, language: InterfaceLanguage): string {
  if (language === 'en') return label;
  for (const { form, match, slots } of formReaders()) {
    const m = match.exec(label);
    if (!m) continue;
    const values: Record<string, string> = {};
    slots.forEach((name, i) => (values[name] = SLOTS[name].say(m[i + 1]!, language)));
    return fill(UNDO_LABELS[form][language], values);
  }
  return label;
}
