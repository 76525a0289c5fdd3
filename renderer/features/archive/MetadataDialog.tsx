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
import { messagesNow, useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/DialogActions';
import { formatDate } from '../../ui/format';
import { InlineError } from '../../ui/InlineError';
import { TagChip } from '../../ui/TagChip';
import { useLibraryValue } from '../../ui/useLibraryValue';
import { useCodebook } from '../codebook/useCodebook';
import { tagArticles } from './actions';
import { archiveMessages } from './messages';

type Details = OpOutput<'articleDetails'>;
type Draft = Record<Exclude<MetaField, 'authors'>, string> & { authors: string[] };

/** Examples of what a field takes; the date's (it has words) is archiveMessages.publishedHint. */
const HINTS: Partial<Record<MetaField, string>> = {
  sourceUrl: 'https://…',
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

const shown = (v: unknown, none: string): string =>
  Array.isArray(v) && v.length ? v.join(', ') : v === null || (Array.isArray(v) && v.length === 0) || v === undefined || v === '' ? none : String(v);

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
  const m = useMessages(archiveMessages);
  const common = useMessages(commonMessages);
  const labels = m.fieldLabels;
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
      .catch((e: unknown) => {
        const now = messagesNow(archiveMessages);
        reportError(e, now.couldNotRevert(now.fieldLabels[field]));
      });

  const corrected = (field: MetaField) => details.record?.meta[field] !== undefined;
  const original = (field: MetaField) =>
    corrected(field) ? (
      <p className="captured-value">
        <span>{m.captured(shown(details.captured[field], m.none))}</span>{' '}
        <button type="button" className="link-button" onClick={() => revert(field)} aria-label={m.revertLabel(labels[field])}>
          {m.revert}
        </button>
      </p>
    ) : null;
  const fieldError = (field: MetaField) => (error?.field === field ? <InlineError message={error.message} /> : null);

  // Under the fields that are not in SINGLE's loop (named here, so the JSX below holds only words from messages).
  const below = (field: MetaField) => (
    <>
      {original(field)}
      {fieldError(field)}
    </>
  );
  const authorsBelow = below('authors');
  const dirBelow = below('dir');
  const noteError = fieldError('note');

  const history = [...(details.record?.metaHistory ?? [])].reverse();
  const articleTags = details.record?.tags ?? [];

  return (
    <Dialog
      title={m.detailsTitle}
      onClose={onClose}
      wide
      actions={<DialogActions form="meta-form" confirmLabel={common.save} disabled={busy} onCancel={onClose} />}
    >
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
              {labels[field]}
            </label>
            <input
              id={`meta-${field}`}
              type="text"
              // Not type=url: the browser's own check would stop the form before core says what is wrong, at the field.
              inputMode={field === 'sourceUrl' ? 'url' : undefined}
              value={draft[field]}
              placeholder={field === 'publishedAt' ? m.publishedHint : HINTS[field]}
              aria-invalid={error?.field === field ? true : undefined}
              onChange={(e) => set(field, e.target.value)}
            />
            {original(field)}
            {fieldError(field)}
          </div>
        ))}
        <fieldset className={corrected('authors') ? 'field meta-authors is-corrected' : 'field meta-authors'}>
          <legend className="field-label">{labels.authors}</legend>
          {draft.authors.map((author, i) => (
            <div key={i} className="author-row">
              <input
                type="text"
                value={author}
                aria-label={m.author(i + 1)}
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
                aria-label={m.removeAuthor(i + 1)}
                onClick={() => set('authors', draft.authors.length > 1 ? draft.authors.filter((_, j) => j !== i) : [''])}
              >
                ×
              </button>
            </div>
          ))}
          <button type="button" className="link-button" onClick={() => set('authors', [...draft.authors, ''])}>
            {m.addAuthor}
          </button>
          {authorsBelow}
        </fieldset>
        <div className={corrected('dir') ? 'field is-corrected' : 'field'}>
          <label className="field-label" htmlFor="meta-dir">
            {labels.dir}
          </label>
          <select id="meta-dir" value={draft.dir} onChange={(e) => set('dir', e.target.value)}>
            <option value="auto">{m.dirAuto}</option>
            <option value="ltr">{m.dirLtr}</option>
            <option value="rtl">{m.dirRtl}</option>
          </select>
          {dirBelow}
        </div>
        <div className={corrected('note') ? 'field meta-note is-corrected' : 'field meta-note'}>
          <label className="field-label" htmlFor="meta-note">
            {labels.note}
          </label>
          <textarea id="meta-note" rows={3} value={draft.note} onChange={(e) => set('note', e.target.value)} />
          {noteError}
        </div>
      </form>
      {error && !error.field ? <InlineError message={error.message} /> : null}
      <section className="meta-side" aria-labelledby="meta-tags">
        <h3 id="meta-tags">{m.articleTags}</h3>
        <div className="chip-row">
          {articleTags.length === 0 ? <span className="muted small">{m.noArticleTags}</span> : null}
          {articleTags.map((id) => (
            <TagChip key={id} tag={tags.find((t) => t.id === id)} fallbackId={id} onRemove={() => void tagArticles([snapshotId], [], [id])} />
          ))}
        </div>
        {tags.length ? (
          <div className="author-row">
            <select aria-label={m.tagToAdd} value={addTag} onChange={(e) => setAddTag(e.target.value)}>
              <option value="">{m.addTagFromCodebook}</option>
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
              {m.addTag}
            </button>
          </div>
        ) : null}
        <h3>{m.changes}</h3>
        {history.length === 0 ? (
          <p className="muted small">{m.noChanges}</p>
        ) : (
          <ol className="meta-history" aria-label={m.changesLabel}>
            {history.map((h, i) => (
              <li key={`${h.at}-${h.field}-${i}`}>
                <time dateTime={h.at}>{formatDate(h.at, true)}</time> {labels[h.field]}: {shown(h.from ?? details.captured[h.field], m.none)} →{' '}
                {h.to === null ? m.capturedAfter(shown(details.captured[h.field], m.none)) : shown(h.to, m.none)}
              </li>
            ))}
          </ol>
        )}
      </section>
    </Dialog>
  );
}
