/**
 * "Edit details…": an article's title, authors, outlet, section, address, date, language,
 * direction and note, with the captured value beside each correction (and a way back to it),
 * the history of corrections, and the article's tags. The snapshot itself never changes;
 * every save is one step of undo.
 */
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../core/api';
import type { MetaField } from '../../../core/model';
import { reportError } from '../../app/messages';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { formatDate } from '../../ui/format';
import { InlineError } from '../../ui/InlineError';
import { TagChip } from '../../ui/TagChip';
import { useLibraryValue } from '../../ui/useLibraryValue';
import { useCodebook } from '../codebook/useCodebook';
import { tagArticles } from './actions';

type Details = OpOutput<'articleDetails'>;
type Draft = Record<Exclude<MetaField, 'authors'>, string> & { authors: string[] };

const LABELS: Record<MetaField, string> = {
  title: 'Title',
  authors: 'Authors',
  siteName: 'Outlet',
  section: 'Section',
  sourceUrl: 'Source address',
  publishedAt: 'Published',
  lang: 'Language',
  dir: 'Text direction',
  note: 'Note',
};
const HINTS: Partial<Record<MetaField, string>> = {
  sourceUrl: 'https://…',
  publishedAt: '2017-01-31, 2017-01 or 2017',
  lang: 'en, de, pt-BR…',
};
const SINGLE: Exclude<MetaField, 'authors' | 'dir' | 'note'>[] = ['title', 'siteName', 'section', 'sourceUrl', 'publishedAt', 'lang'];

function draftOf(d: Details): Draft {
  const e = d.effective;
  return {
    title: e.title,
    authors: e.authors.length ? [...e.authors] : [''],
    siteName: e.siteName ?? '',
    section: e.section ?? '',
    sourceUrl: e.sourceUrl ?? '',
    publishedAt: e.publishedAt ?? '',
    lang: e.lang ?? '',
    dir: e.dir,
    note: e.note,
  };
}

const shown = (v: unknown): string =>
  Array.isArray(v) && v.length ? v.join(', ') : v === null || (Array.isArray(v) && v.length === 0) || v === undefined || v === '' ? '(none)' : String(v);

/** The fields that differ from what is in effect; a field emptied whose captured value is empty goes back to it. */
function patchOf(draft: Draft, d: Details): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const authors = draft.authors.map((a) => a.trim()).filter(Boolean);
  if (authors.join('\n') !== d.effective.authors.join('\n')) patch.authors = authors.length === 0 && d.captured.authors.length === 0 ? null : authors;
  for (const field of [...SINGLE, 'dir', 'note'] as const) {
    const value = field === 'note' ? draft[field] : draft[field].trim();
    const now = d.effective[field] ?? '';
    if (value === now) continue;
    const captured = d.captured[field] ?? '';
    patch[field] = value === captured && d.record?.meta[field] !== undefined ? null : value === '' && captured === '' ? null : value;
  }
  return patch;
}

/** Which field a message from core is about ("The source address is not valid: …"). */
function fieldOfError(message: string, d: Details): MetaField | null {
  const hit = d.fields.find((f) => message.startsWith(`The ${f.label} `));
  return hit ? hit.field : null;
}

export function MetadataDialog({ snapshotId, onClose }: { snapshotId: string; onClose(): void }) {
  const details = useLibraryValue<Details | null>(() => glossa().articleDetails({ snapshotId }), null, ['article', 'snapshot']);
  const { tags } = useCodebook();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<{ field: MetaField | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [addTag, setAddTag] = useState('');

  // The first read fills the form; later reads (after a save or a revert) refresh what is not being typed.
  useEffect(() => {
    if (details && !draft) setDraft(draftOf(details));
  }, [details, draft]);

  if (!details || !draft) return null;
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft({ ...draft, [field]: value });
    if (error?.field === field) setError(null);
  };

  const save = async () => {
    const patch = patchOf(draft, details);
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await undoStack.perform(() => glossa().updateArticleMeta({ snapshotId, patch }));
      onClose();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setError({ field: fieldOfError(message, details), message });
    } finally {
      setBusy(false);
    }
  };

  const revert = (field: MetaField) =>
    void undoStack
      .perform(() => glossa().updateArticleMeta({ snapshotId, patch: { [field]: null } }))
      .then(() => {
        const captured = details.captured[field];
        setDraft((d) =>
          d ? { ...d, [field]: field === 'authors' ? (details.captured.authors.length ? [...details.captured.authors] : ['']) : String(captured ?? '') } : d,
        );
      })
      .catch((e: unknown) => reportError(e, `Could not put back the captured ${LABELS[field].toLowerCase()}`));

  const corrected = (field: MetaField) => details.record?.meta[field] !== undefined;
  const original = (field: MetaField) =>
    corrected(field) ? (
      <p className="captured-value">
        <span>captured: {shown(details.captured[field])}</span>{' '}
        <button type="button" className="link-button" onClick={() => revert(field)} aria-label={`Revert ${LABELS[field]} to the captured value`}>
          revert
        </button>
      </p>
    ) : null;
  const fieldError = (field: MetaField) => (error?.field === field ? <InlineError message={error.message} /> : null);

  const history = [...(details.record?.metaHistory ?? [])].reverse();
  const articleTags = details.record?.tags ?? [];

  return (
    <Dialog title="Article details" onClose={onClose} wide actions={<DialogActions form="meta-form" confirmLabel="Save" disabled={busy} onCancel={onClose} />}>
      <form
        id="meta-form"
        className="meta-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {SINGLE.map((field) => (
          <div key={field} className={corrected(field) ? 'field is-corrected' : 'field'}>
            <label className="field-label" htmlFor={`meta-${field}`}>
              {LABELS[field]}
            </label>
            <input
              id={`meta-${field}`}
              type="text"
              // Not type=url: the browser's own check would stop the form before core says what is wrong, at the field.
              inputMode={field === 'sourceUrl' ? 'url' : undefined}
              value={draft[field]}
              placeholder={HINTS[field]}
              aria-invalid={error?.field === field ? true : undefined}
              onChange={(e) => set(field, e.target.value)}
            />
            {original(field)}
            {fieldError(field)}
          </div>
        ))}
        <fieldset className={corrected('authors') ? 'field meta-authors is-corrected' : 'field meta-authors'}>
          <legend className="field-label">Authors</legend>
          {draft.authors.map((author, i) => (
            <div key={i} className="author-row">
              <input
                type="text"
                value={author}
                aria-label={`Author ${i + 1}`}
                onChange={(e) =>
                  set(
                    'authors',
                    draft.authors.map((a, j) => (j === i ? e.target.value : a)),
                  )
                }
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove author ${i + 1}`}
                onClick={() => set('authors', draft.authors.length > 1 ? draft.authors.filter((_, j) => j !== i) : [''])}
              >
                ×
              </button>
            </div>
          ))}
          <button type="button" className="link-button" onClick={() => set('authors', [...draft.authors, ''])}>
            Add author
          </button>
          {original('authors')}
          {fieldError('authors')}
        </fieldset>
        <div className={corrected('dir') ? 'field is-corrected' : 'field'}>
          <label className="field-label" htmlFor="meta-dir">
            Text direction
          </label>
          <select id="meta-dir" value={draft.dir} onChange={(e) => set('dir', e.target.value)}>
            <option value="auto">Automatic</option>
            <option value="ltr">Left to right</option>
            <option value="rtl">Right to left</option>
          </select>
          {original('dir')}
          {fieldError('dir')}
        </div>
        <div className={corrected('note') ? 'field meta-note is-corrected' : 'field meta-note'}>
          <label className="field-label" htmlFor="meta-note">
            Note
          </label>
          <textarea id="meta-note" rows={3} value={draft.note} onChange={(e) => set('note', e.target.value)} />
          {fieldError('note')}
        </div>
      </form>
      {error && !error.field ? <InlineError message={error.message} /> : null}
      <section className="meta-side" aria-labelledby="meta-tags">
        <h3 id="meta-tags">Article tags</h3>
        <div className="chip-row">
          {articleTags.length === 0 ? <span className="muted small">No tags.</span> : null}
          {articleTags.map((id) => (
            <TagChip key={id} tag={tags.find((t) => t.id === id)} fallbackId={id} onRemove={() => void tagArticles([snapshotId], [], [id])} />
          ))}
        </div>
        {tags.length ? (
          <div className="author-row">
            <select aria-label="Tag to add" value={addTag} onChange={(e) => setAddTag(e.target.value)}>
              <option value="">Add a tag from the codebook…</option>
              {tags
                .filter((t) => !articleTags.includes(t.id))
                .map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
            </select>
            <button
              type="button"
              className="button button-small"
              disabled={!addTag}
              onClick={() => void tagArticles([snapshotId], [addTag], []).then(() => setAddTag(''))}
            >
              Add tag
            </button>
          </div>
        ) : null}
        <h3>Changes</h3>
        {history.length === 0 ? (
          <p className="muted small">Nothing corrected yet; every field shows the article as captured.</p>
        ) : (
          <ol className="meta-history" aria-label="Changes to the details">
            {history.map((h, i) => (
              <li key={`${h.at}-${h.field}-${i}`}>
                <time dateTime={h.at}>{formatDate(h.at, true)}</time> {LABELS[h.field]}: {shown(h.from ?? details.captured[h.field])} →{' '}
                {h.to === null ? `${shown(details.captured[h.field])} (captured)` : shown(h.to)}
              </li>
            ))}
          </ol>
        )}
      </section>
    </Dialog>
  );
}
