/**
 * Undo labels: each form builds core's English label as it always read, and the window says
 * it in Spanish with no English word of its template left (kinds, counts and article fields
 * translated, names kept). Then through core's API on a real library: the labels real
 * operations return, and their inverses, all read in Spanish.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIELD_NAMES } from '../../../core/articles/record.js';
import { exportBundle, importBundle } from '../../../core/bundle/index.js';
import { KIND_NAME } from '../../../core/common/kinds.js';
import { localiseUndoLabel, UNDO_LABELS, undoLabel, type UndoLabelArgs, type UndoLabelForm } from '../../../core/common/undo-labels.js';
import type { AnnotationKind } from '../../../core/model/index.js';
import { addText, annotatePhrase, openSession, type Session } from '../api/helpers.js';

const ES_KIND: Record<AnnotationKind, string> = { quote: 'cita', claim: 'afirmación', figure: 'cifra', note: 'nota' };
const KINDS = Object.keys(KIND_NAME) as AnnotationKind[];

/** One example of each form's arguments (the compiler asks for one when a form is added). */
const SAMPLES: { [F in UndoLabelForm]: UndoLabelArgs<F>[] } = {
  tag: KINDS.map((kind) => [{ kind }]),
  edit: KINDS.map((kind) => [{ kind }]),
  delete: KINDS.map((kind) => [{ kind }]),
  restore: KINDS.map((kind) => [{ kind }]),
  extend: [[{ kind: 'claim' }]],
  shrink: [[{ kind: 'figure' }]],
  tagWith: [[{ kind: 'claim', names: ['Presupuesto'] }], [{ kind: 'quote', names: ['Vivienda', 'Policía'] }]],
  untag: [[{ kind: 'note', names: ['Presupuesto'] }]],
  setVerdict: [[]],
  editEvidence: [[]],
  link: [[{ kind: 'figure', other: 'claim' }], [{ kind: 'quote', other: 'note' }]],
  unlink: [[{ kind: 'quote' }]],
  accept: [[{ annotations: ['figure'] }], [{ annotations: ['figure', 'figure'] }], [{ annotations: ['quote', 'claim', 'figure'] }]],
  suggest: [[{ annotations: ['quote'] }], [{ annotations: ['claim', 'claim', 'claim'] }], [{ annotations: ['quote', 'figure'] }]],
  suggestNothing: [[]],
  reject: [[{ annotations: ['quote'] }], [{ annotations: ['note', 'note'] }]],
  editAndAccept: [[{ annotations: ['quote'] }]],
  reviewSuggestions: [[]],
  resolveConflict: [[]],
  changeArticles: [[]],
  deleteArticles: [[{ articles: 1 }], [{ articles: 3 }]],
  restoreArticles: [[{ articles: 1 }], [{ articles: 12 }]],
  keepArticle: [[]],
  deleteArticle: [[]],
  editArticle: [[{ fields: ['title'] }], [{ fields: Object.values(FIELD_NAMES) }]],
  tagArticles: [[]],
  untagArticles: [[]],
  newCollection: [[{ name: 'Proyecto' }]],
  renameCollection: [[{ name: 'Entrevistas' }]],
  moveCollection: [[{ name: 'Entrevistas' }]],
  deleteCollection: [[{ name: 'Entrevistas' }]],
  fileArticles: [[{ name: 'Entrevistas' }]],
  unfileArticles: [[{ name: 'Entrevistas' }]],
  changeCodebook: [[]],
  addTag: [[{ name: 'Vivienda' }]],
  renameTag: [[{ name: 'Vivienda' }]],
  editTag: [[{ name: 'Vivienda' }]],
  deleteTag: [[{ name: 'Vivienda' }]],
  mergeTags: [[{ name: 'Vivienda' }]],
  importCodebook: [[]],
  changeSpeakers: [[]],
  addSpeaker: [[{ name: 'Ana Ruiz' }]],
  renameSpeaker: [[{ name: 'Ana Ruiz' }]],
  editSpeaker: [[{ name: 'Ana Ruiz' }]],
  deleteSpeaker: [[{ name: 'Ana Ruiz' }]],
  mergeSpeakers: [[{ source: 'Ana Ruiz', target: 'Ana Ruiz López' }]],
};

const FORMS = Object.keys(UNDO_LABELS) as UndoLabelForm[];
const build = <F extends UndoLabelForm>(form: F, args: UndoLabelArgs<F>) => undoLabel(form, ...args);
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The words of an English template, its placeholders left out. */
const templateWords = (template: string) =>
  template
    .replace(/\{\w+\}/g, ' ')
    .split(/[^a-z]+/i)
    .filter(Boolean);

/** Whether `word` stands in `text` as a word of its own (not inside a Spanish word). */
const hasWord = (text: string, word: string) => new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, 'iu').test(text);

/** English words an argument may bring into the English label: kinds, "article", "annotation", field names. */
const ENGLISH_ARG_WORDS = [
  ...KINDS.flatMap((k) => [KIND_NAME[k], `${KIND_NAME[k]}s`]),
  'article',
  'articles',
  'annotation',
  'annotations',
  ...Object.values(FIELD_NAMES).flatMap((f) => f.split(' ')),
];

describe('undo labels', () => {
  it('every form has an example, and each language uses the same placeholders as English', () => {
    for (const form of FORMS) {
      expect(SAMPLES[form].length, form).toBeGreaterThan(0);
      expect(placeholders(UNDO_LABELS[form].es), form).toEqual(placeholders(UNDO_LABELS[form].en));
    }
  });

  it('builds the English labels core has always given', () => {
    expect(undoLabel('tag', { kind: 'quote' })).toBe('tag quote');
    expect(undoLabel('edit', { kind: 'quote' })).toBe('edit quote');
    expect(undoLabel('tagWith', { kind: 'claim', names: ['Budget', 'Housing'] })).toBe('tag claim “Budget”, “Housing”');
    expect(undoLabel('untag', { kind: 'claim', names: ['Budget'] })).toBe('untag claim “Budget”');
    expect(undoLabel('link', { kind: 'figure', other: 'claim' })).toBe('link figure to claim');
    expect(undoLabel('deleteArticles', { articles: 1 })).toBe('delete 1 article');
    expect(undoLabel('deleteArticles', { articles: 3 })).toBe('delete 3 articles');
    expect(undoLabel('editArticle', { fields: ['source address', 'published date', 'authors', 'outlet'] })).toBe(
      'edit source address, published date, authors, outlet',
    );
    expect(undoLabel('accept', { annotations: ['figure'] })).toBe('accept figure');
    expect(undoLabel('accept', { annotations: ['figure', 'figure', 'figure'] })).toBe('accept 3 figures');
    expect(undoLabel('suggest', { annotations: ['quote', 'figure'] })).toBe('suggest 2 annotations');
    expect(undoLabel('suggestNothing')).toBe('suggest nothing new');
    expect(undoLabel('editAndAccept', { annotations: ['quote'] })).toBe('edit and accept quote');
    expect(undoLabel('mergeTags', { name: 'Budget' })).toBe('merge into “Budget”');
    expect(undoLabel('mergeSpeakers', { source: 'A', target: 'B' })).toBe('merge “A” into “B”');
    expect(undoLabel('resolveConflict')).toBe('resolve conflict');
    expect(undoLabel('setVerdict')).toBe('set verdict');
  });

  it('every form, built in English, reads in Spanish with no English word left, and unchanged in English', () => {
    for (const form of FORMS) {
      for (const args of SAMPLES[form] as UndoLabelArgs<UndoLabelForm>[]) {
        const en = build(form, args);
        const es = localiseUndoLabel(en, 'es');
        expect(localiseUndoLabel(en, 'en'), en).toBe(en);
        expect(es, en).not.toBe(en);
        for (const word of [...templateWords(UNDO_LABELS[form].en), ...ENGLISH_ARG_WORDS])
          expect(hasWord(es, word), `“${word}” left in “${es}” (from “${en}”)`).toBe(false);
        // Names are kept as they were typed, in their quotes.
        for (const [slot, value] of Object.entries(args[0] ?? {})) {
          if (['name', 'source', 'target'].includes(slot)) expect(es, en).toContain(`“${value as string}”`);
        }
      }
    }
  });

  it('says kinds, counts and fields in Spanish', () => {
    expect(localiseUndoLabel('tag quote', 'es')).toBe('etiquetar cita');
    expect(localiseUndoLabel('delete claim', 'es')).toBe('eliminar afirmación');
    expect(localiseUndoLabel('link figure to claim', 'es')).toBe('vincular cifra con afirmación');
    expect(localiseUndoLabel('tag claim “Budget”, “Housing”', 'es')).toBe('etiquetar afirmación con “Budget”, “Housing”');
    expect(localiseUndoLabel('untag note “Budget”', 'es')).toBe('quitar “Budget” de nota');
    expect(localiseUndoLabel('delete 1 article', 'es')).toBe('eliminar 1 artículo');
    expect(localiseUndoLabel('restore 12 articles', 'es')).toBe('restaurar 12 artículos');
    expect(localiseUndoLabel('accept 3 figures', 'es')).toBe('aceptar 3 cifras');
    expect(localiseUndoLabel('suggest 5 annotations', 'es')).toBe('sugerir 5 anotaciones');
    expect(localiseUndoLabel('edit title, authors', 'es')).toBe('editar título, autores');
    expect(localiseUndoLabel('edit source address, published date, authors, outlet', 'es')).toBe(
      'editar dirección de origen, fecha de publicación, autores, medio',
    );
    expect(localiseUndoLabel('merge “Ana” into “Ana Ruiz”', 'es')).toBe('combinar “Ana” con “Ana Ruiz”');
  });

  it('reads every article field core names', () => {
    for (const field of Object.values(FIELD_NAMES)) {
      const es = localiseUndoLabel(undoLabel('editArticle', { fields: [field] }), 'es');
      expect(es.startsWith('editar '), field).toBe(true);
      expect(hasWord(es, field), `${field} → ${es}`).toBe(false);
    }
  });

  it('keeps a name whatever it holds, even words of a template or quote marks', () => {
    expect(localiseUndoLabel('add tag “delete quote”', 'es')).toBe('añadir etiqueta “delete quote”');
    expect(localiseUndoLabel('delete collection “A “quoted” name”', 'es')).toBe('eliminar colección “A “quoted” name”');
    expect(localiseUndoLabel('add speaker “{name}”', 'es')).toBe('añadir hablante “{name}”');
    expect(localiseUndoLabel('rename tag “Two\nlines”', 'es')).toBe('renombrar etiqueta “Two\nlines”');
  });

  it('gives back unchanged a label no form built', () => {
    for (const label of ['', 'do something else', 'tag quotes', 'delete many articles', 'edit colour', 'Tag quote', 'tag quote ', 'delete 3 article s'])
      expect(localiseUndoLabel(label, 'es')).toBe(label);
  });
});

// ---- through core's API, on a real library ---------------------------------------------------

const ARTICLE =
  'Budget vote delayed\n\nThe council postponed the vote, officials said. “We need about 12 more days,” the chair said.\n\nA second paragraph mentions the council again.';

type Mutation = { label: string; inverse: { op: string; input: unknown }; value: unknown };

describe('undo labels from core’s operations', () => {
  let s: Session;
  const seen: { label: string; kind: AnnotationKind | null }[] = [];
  beforeEach(async () => {
    s = await openSession();
    seen.length = 0;
  });
  afterEach(() => s.close());

  /** Runs an operation, keeps its label (and its inverse's), and hands the mutation back. */
  async function step(name: string, input: unknown, kind: AnnotationKind | null = null): Promise<Mutation> {
    const m = (await s.call(name as never, input)) as Mutation;
    expect(typeof m.label, name).toBe('string');
    seen.push({ label: m.label, kind });
    return m;
  }

  function expectSpanish() {
    expect(seen.length).toBeGreaterThan(20);
    for (const { label, kind } of seen) {
      const es = localiseUndoLabel(label, 'es');
      expect(es, `“${label}” was not said in Spanish`).not.toBe(label);
      if (kind) {
        expect(label).toContain(KIND_NAME[kind]);
        expect(es, label).toContain(ES_KIND[kind]);
        expect(hasWord(es, KIND_NAME[kind]), es).toBe(false);
      }
    }
  }

  it('annotations, tags, speakers, articles and collections', async () => {
    const snap = await addText(s, ARTICLE, 'Budget vote delayed');
    const other = await addText(s, 'Second article\n\nNothing much happens here, the mayor said.', 'Second article');
    const sid = snap.id;
    const quote = (await step('createAnnotation', { snapshotId: sid, kind: 'quote', ...span(snap.text, 'We need about 12 more days') }, 'quote')).value as {
      id: string;
    };
    const claim = (await step('createAnnotation', { snapshotId: sid, kind: 'claim', ...span(snap.text, 'council postponed') }, 'claim')).value as {
      id: string;
    };
    const figure = (await step('createAnnotation', { snapshotId: sid, kind: 'figure', ...span(snap.text, '12') }, 'figure')).value as { id: string };
    const noteId = await annotatePhrase(s, snap, 'second paragraph', 'note');

    await step('updateAnnotation', { snapshotId: sid, id: noteId, patch: { comment: 'check' } }, 'note');
    await step('resizeAnnotation', { snapshotId: sid, id: claim.id, edge: 'end', direction: 'grow' }, 'claim');
    await step('resizeAnnotation', { snapshotId: sid, id: claim.id, edge: 'end', direction: 'shrink' }, 'claim');
    await step('setVerdict', { snapshotId: sid, id: claim.id, verdict: 'false', note: '' });
    await step('setEvidence', { snapshotId: sid, id: claim.id, evidence: [{ url: 'https://example.org/report' }] });
    await step('addLink', { snapshotId: sid, id: figure.id, rel: 'supports', targetId: claim.id }, 'figure');
    await step('removeLink', { snapshotId: sid, id: figure.id, rel: 'supports', targetId: claim.id }, 'figure');
    await step('acceptAnnotation', { snapshotId: sid, id: figure.id }, 'figure');

    // The codebook.
    const budget = (await step('createTag', { name: 'Budget' })).value as { tag: { id: string } };
    const housing = (await step('createTag', { name: 'Housing' })).value as { tag: { id: string } };
    await step('setAnnotationTags', { snapshotId: sid, id: claim.id, add: [budget.tag.id, housing.tag.id] }, 'claim');
    await step('setAnnotationTags', { snapshotId: sid, id: claim.id, remove: [housing.tag.id] }, 'claim');
    await step('updateTag', { id: housing.tag.id, patch: { name: 'Homes' } });
    await step('updateTag', { id: housing.tag.id, patch: { description: 'Where people live' } });
    await step('mergeTags', { sourceIds: [housing.tag.id], targetId: budget.tag.id });
    const taxes = (await step('createTag', { name: 'Taxes' })).value as { tag: { id: string } };
    await step('deleteTag', { id: taxes.tag.id });

    // Speakers.
    await step('setQuoteSpeaker', { snapshotId: sid, id: quote.id, name: 'Ana Ruiz' }, 'quote');
    await step('setQuoteRole', { snapshotId: sid, id: quote.id, role: 'chair' }, 'quote');
    const ben = (await step('createSpeaker', { name: 'Ben Ortiz' })).value as { speaker: { id: string } };
    await step('updateSpeaker', { id: ben.speaker.id, patch: { name: 'Benito Ortiz' } });
    await step('updateSpeaker', { id: ben.speaker.id, patch: { role: 'mayor' } });
    const ana = (await s.call('listSpeakers', {})).find((p) => p.name === 'Ana Ruiz')!;
    const cy = (await step('createSpeaker', { name: 'Cy Lee' })).value as { speaker: { id: string } };
    await step('mergeSpeakers', { sourceId: cy.speaker.id, targetId: ana.id });
    await step('deleteSpeaker', { id: ben.speaker.id });

    // Trash, and undo's own inverses (restore, delete again).
    const gone = await step('deleteAnnotation', { snapshotId: sid, id: noteId }, 'note');
    const back = (await s.undo(gone)) as Mutation;
    seen.push({ label: back.label, kind: 'note' });
    expect(back.label).toBe('restore note');
    await step('deleteAnnotation', { snapshotId: sid, id: figure.id }, 'figure');
    await step('restoreAnnotation', { snapshotId: sid, id: figure.id }, 'figure');

    // Articles and collections.
    await step('updateArticleMeta', { snapshotId: sid, patch: { title: 'Vote delayed', authors: ['Ana Ruiz'] } });
    await step('tagArticles', { ids: [sid, other.id], add: [budget.tag.id] });
    await step('tagArticles', { ids: [sid], remove: [budget.tag.id] });
    const project = (await step('createCollection', { name: 'Project' })).value as { collection: { id: string } };
    await step('fileArticles', { ids: [sid, other.id], collectionId: project.collection.id });
    await step('fileArticles', { ids: [other.id], collectionId: project.collection.id, remove: true });
    await step('updateCollection', { id: project.collection.id, name: 'Project two' });
    await step('deleteCollection', { id: project.collection.id });
    const trashed = await step('deleteArticles', { ids: [sid, other.id] });
    expect(trashed.label).toBe('delete 2 articles');
    await step('restoreArticles', { ids: [other.id] });
    const one = await step('deleteArticles', { ids: [other.id] });
    expect(one.label).toBe('delete 1 article');

    expectSpanish();
    expect(localiseUndoLabel('delete 2 articles', 'es')).toBe('eliminar 2 artículos');
  });

  it('resolving a conflict', async () => {
    const snap = await addText(s, ARTICLE, 'Budget vote delayed');
    const quote = (await s.call('createAnnotation', { snapshotId: snap.id, kind: 'quote', ...span(snap.text, 'We need about 12 more days') })).value;
    const ours = join(s.dir, 'ours.glossa');
    const theirs = join(s.dir, 'theirs.glossa');
    await exportBundle(s.library, ours);
    const colleague = await openSession();
    try {
      await importBundle(colleague.library, ours);
      await colleague.library.putAnnotation({ ...quote, comment: 'there', updatedAt: '2031-02-01T00:00:00.000Z' });
      await exportBundle(colleague.library, theirs);
    } finally {
      await colleague.close();
    }
    await s.library.putAnnotation({ ...quote, comment: 'here', updatedAt: '2031-01-01T00:00:00.000Z' });
    await s.call('importBundle', { path: theirs });
    const [conflict] = await s.call('listConflicts', {});
    expect(conflict).toBeDefined();
    const resolved = await step('resolveConflict', { snapshotId: snap.id, annotationId: quote.id, version: conflict!.others[0]! });
    const reopened = (await s.undo(resolved)) as Mutation;
    seen.push({ label: reopened.label, kind: null });
    for (const { label } of seen) expect(localiseUndoLabel(label, 'es')).toBe('resolver conflicto');
  });
});

function span(text: string, phrase: string) {
  const start = text.indexOf(phrase);
  if (start < 0) throw new Error(`"${phrase}" is not in the text`);
  return { start, end: start + phrase.length };
}
