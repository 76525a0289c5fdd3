/**
 * The codebook: the researcher's tags as a tree, each with its colour, key and how many
 * annotations carry it. Tags are added, renamed (name, colour, key, parent), merged and
 * deleted; before a delete or merge the dialog says what happens to tagged spans. REFI-QDA
 * codebooks (.qdc) come in and go out through the native file dialogs. Every change is one
 * step of undo.
 */
import { useEffect, useState } from 'react';
import type { OpOutput } from '../../../core/api';
import type { CodeTag } from '../../../core/model';
import { notify, reportError } from '../../app/messages';
import { hrefFor } from '../../app/route';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { messagesNow, useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Field } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { useBusyAction } from '../../ui/useBusyAction';
import { useLibraryValue } from '../../ui/useLibraryValue';
import '../../ui/workbench-ui.css';
import { tagQuery } from '../search/query';
import { codebookMessages } from './messages';
import { useCodebook } from './useCodebook';
import './codebook.css';

type Usage = OpOutput<'tagUsage'>;
type Preview = OpOutput<'previewTagChange'>;

function depthOf(tags: readonly CodeTag[], tag: CodeTag): number {
  let d = 0;
  const seen = new Set<string>();
  for (let p = tag.parentId; p && !seen.has(p); p = tags.find((t) => t.id === p)?.parentId ?? null) {
    seen.add(p);
    d++;
  }
  return d;
}

const useUsage = (): Usage => useLibraryValue(() => glossa().tagUsage({}), {});

export function CodebookView() {
  const m = useMessages(codebookMessages);
  const common = useMessages(commonMessages);
  const { tags, loaded } = useCodebook();
  const usage = useUsage();
  const [editing, setEditing] = useState<CodeTag | 'new' | null>(null);
  const [merging, setMerging] = useState<CodeTag | null>(null);
  const [deleting, setDeleting] = useState<CodeTag | null>(null);

  const importQdc = () =>
    void undoStack
      .performIfChanged(() => glossa().importCodebookDialog({}))
      .then((out) => {
        if (out.cancelled) return;
        const { added, updated, problems } = out.value;
        notify(messagesNow(codebookMessages).imported(added, updated, problems));
      })
      .catch((e: unknown) => reportError(e, messagesNow(codebookMessages).couldNotImport));
  const exportQdc = () =>
    void glossa()
      .exportCodebookDialog({})
      .then((out) => {
        if (!out.cancelled) notify(messagesNow(codebookMessages).exported(out.tags, out.path));
      })
      .catch((e: unknown) => reportError(e, messagesNow(codebookMessages).couldNotExport));

  return (
    <div className="page">
      <div className="page-inner">
        <div className="page-head">
          <h1>{m.title}</h1>
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            {m.newTag}
          </button>
          <button type="button" className="button" onClick={importQdc}>
            {m.importQdc}
          </button>
          <button type="button" className="button" onClick={exportQdc} disabled={tags.length === 0}>
            {m.exportQdc}
          </button>
        </div>
        <p className="page-note">
          {m.noteBeforeKey}
          <kbd>T</kbd>
          {m.noteAfterKey}
        </p>
        {loaded && tags.length === 0 ? <p className="muted">{m.noTags}</p> : null}
        <ul className="codebook-tree plain-list" aria-label={m.tagsLabel}>
          {tags.map((t) => {
            const use = usage[t.id];
            return (
              <li key={t.id} className="codebook-row" style={{ paddingLeft: `${depthOf(tags, t) * 22 + 8}px` }}>
                <span className="tag-dot tag-dot-large" style={{ background: t.color }} aria-hidden="true" />
                <span className="codebook-name">{t.name}</span>
                {t.key ? (
                  <kbd className="codebook-key" aria-label={m.keyLabel(t.key)}>
                    {t.key}
                  </kbd>
                ) : null}
                <span className="codebook-use muted">
                  {use ? (
                    <a href={hrefFor({ view: 'library', query: tagQuery(t.name) })} title={m.searchFor(tagQuery(t.name))}>
                      {m.usage(use.annotations, use.snapshots)}
                    </a>
                  ) : (
                    m.unused
                  )}
                </span>
                <span className="codebook-actions">
                  <button type="button" className="button button-small" onClick={() => setEditing(t)} aria-label={m.editTagLabel(t.name)}>
                    {common.edit}
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setMerging(t)}
                    disabled={tags.length < 2}
                    aria-label={m.mergeTagLabel(t.name)}
                  >
                    {m.merge}
                  </button>
                  <button type="button" className="button button-small button-danger" onClick={() => setDeleting(t)} aria-label={m.deleteTagLabel(t.name)}>
                    {m.deleteButton}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      </div>
      {editing ? <TagDialog tag={editing === 'new' ? null : editing} tags={tags} onClose={() => setEditing(null)} /> : null}
      {merging ? <MergeDialog source={merging} tags={tags} onClose={() => setMerging(null)} /> : null}
      {deleting ? <DeleteDialog tag={deleting} tags={tags} onClose={() => setDeleting(null)} /> : null}
    </div>
  );
}

/** Tags that may be the parent of `tag`: not itself, not one of its sub-tags. */
function parentChoices(tags: readonly CodeTag[], tag: CodeTag | null): CodeTag[] {
  if (!tag) return [...tags];
  const below = new Set<string>([tag.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of tags) {
      if (t.parentId && below.has(t.parentId) && !below.has(t.id)) {
        below.add(t.id);
        grew = true;
      }
    }
  }
  return tags.filter((t) => !below.has(t.id));
}

function TagDialog({ tag, tags, onClose }: { tag: CodeTag | null; tags: CodeTag[]; onClose(): void }) {
  const m = useMessages(codebookMessages);
  const common = useMessages(commonMessages);
  const [name, setName] = useState(tag?.name ?? '');
  const [color, setColor] = useState(tag?.color ?? '#1f77b4');
  const [colorTouched, setColorTouched] = useState(false);
  const [key, setKey] = useState(tag?.key ?? '');
  const [parentId, setParentId] = useState(tag?.parentId ?? '');
  const [description, setDescription] = useState(tag?.description ?? '');
  const { busy, error, run } = useBusyAction();
  const save = () =>
    run(async () => {
      // A new tag whose colour was left alone gets the next unused colour of the palette.
      const fields = { name, ...(tag || colorTouched ? { color } : {}), key: key.trim().toLowerCase() || null, parentId: parentId || null, description };
      if (tag) await undoStack.perform(() => glossa().updateTag({ id: tag.id, patch: fields }));
      else await undoStack.perform(() => glossa().createTag(fields));
      onClose();
    });
  return (
    <FormDialog
      title={tag ? m.editTagTitle(tag.name) : m.newTagTitle}
      formId="tag-form"
      submitLabel={tag ? common.save : m.addTag}
      canSubmit={name.trim() !== ''}
      busy={busy}
      error={error}
      onSubmit={() => void save()}
      onClose={onClose}
    >
      <Field id="tag-name" label={m.name}>
        <input id="tag-name" type="text" value={name} autoFocus onChange={(e) => setName(e.target.value)} />
      </Field>
      <div className="field-row">
        <Field id="tag-color" label={m.colour}>
          <input
            id="tag-color"
            type="color"
            value={color}
            onChange={(e) => {
              setColor(e.target.value);
              setColorTouched(true);
            }}
          />
        </Field>
        <Field id="tag-key" label={m.key}>
          <input id="tag-key" type="text" maxLength={1} value={key} onChange={(e) => setKey(e.target.value)} />
        </Field>
        <Field id="tag-parent" label={m.under}>
          <select id="tag-parent" value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">{m.topLevel}</option>
            <TagOptions tags={tags} shown={parentChoices(tags, tag)} />
          </select>
        </Field>
      </div>
      <Field id="tag-description" label={m.description}>
        <textarea id="tag-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
    </FormDialog>
  );
}

/** Tags as options, indented by depth so the tree shows inside a plain <select>. */
function TagOptions({ tags, shown }: { tags: readonly CodeTag[]; shown: readonly CodeTag[] }) {
  return (
    <>
      {shown.map((t) => (
        <option key={t.id} value={t.id}>
          {'\u00a0\u00a0'.repeat(depthOf(tags, t))}
          {t.name}
        </option>
      ))}
    </>
  );
}

/** What a delete or merge will do, asked of core for the options chosen. */
function usePreview(input: Parameters<ReturnType<typeof glossa>['previewTagChange']>[0] | null): Preview | null {
  const [preview, setPreview] = useState<Preview | null>(null);
  const key = JSON.stringify(input);
  useEffect(() => {
    if (!input) return;
    let live = true;
    setPreview(null);
    glossa()
      .previewTagChange(input)
      .then((p) => live && setPreview(p))
      .catch((e: unknown) => reportError(e, messagesNow(codebookMessages).couldNotWorkOutEffect));
    return () => {
      live = false;
    };
  }, [key]);
  return preview;
}

/** `instead`: what the counted annotations will do, given their count. */
function Effect({ preview, instead }: { preview: Preview | null; instead(count: number): string }) {
  const m = useMessages(codebookMessages);
  if (!preview) return <p className="muted">{m.countingTagged}</p>;
  return (
    <ul className="effect-list" aria-label={m.whatWillHappen}>
      <li>
        {preview.annotations === 0 ? (
          m.noAnnotationCarries
        ) : (
          <>
            <strong>{m.taggedAnnotations(preview.annotations)}</strong>
            {m.effectRest(preview.snapshots, instead(preview.annotations))}
          </>
        )}
      </li>
      {preview.removed.length > 1 ? <li>{m.tagsLeave(preview.removed)}</li> : null}
      {preview.moved.length ? <li>{m.subTagsMoveUp(preview.moved)}</li> : null}
      <li>{m.annotationsStay}</li>
    </ul>
  );
}

function DeleteDialog({ tag, tags, onClose }: { tag: CodeTag; tags: CodeTag[]; onClose(): void }) {
  const m = useMessages(codebookMessages);
  const [annotations, setAnnotations] = useState<'untag' | 'to-parent'>('untag');
  const [children, setChildren] = useState<'lift' | 'delete'>('lift');
  const parent = tags.find((t) => t.id === tag.parentId);
  const hasChildren = tags.some((t) => t.parentId === tag.id);
  const preview = usePreview({ action: 'delete', id: tag.id, annotations, children });
  const replacement = annotations === 'to-parent' ? preview?.replacement : null;
  const instead = (n: number) => (replacement ? m.willCarryInstead(replacement, n) : m.willLoseTag(n));
  return (
    <ConfirmDialog
      title={m.deleteTagTitle(tag.name)}
      confirmLabel={m.deleteTag}
      danger
      onClose={onClose}
      onConfirm={async () => {
        await undoStack.perform(() => glossa().deleteTag({ id: tag.id, annotations, children }));
      }}
    >
      <fieldset className="choice-group">
        <legend>{m.annotationsTagged(tag.name)}</legend>
        <label>
          <input type="radio" name="del-annotations" checked={annotations === 'untag'} onChange={() => setAnnotations('untag')} />
          {m.loseTag}
        </label>
        <label>
          <input type="radio" name="del-annotations" checked={annotations === 'to-parent'} disabled={!parent} onChange={() => setAnnotations('to-parent')} />
          {m.getParent(parent ? parent.name : null)}
        </label>
      </fieldset>
      {hasChildren ? (
        <fieldset className="choice-group">
          <legend>{m.itsSubTags}</legend>
          <label>
            <input type="radio" name="del-children" checked={children === 'lift'} onChange={() => setChildren('lift')} />
            {m.moveUp}
          </label>
          <label>
            <input type="radio" name="del-children" checked={children === 'delete'} onChange={() => setChildren('delete')} />
            {m.deletedToo}
          </label>
        </fieldset>
      ) : null}
      <Effect preview={preview} instead={instead} />
    </ConfirmDialog>
  );
}

function MergeDialog({ source, tags, onClose }: { source: CodeTag; tags: CodeTag[]; onClose(): void }) {
  const m = useMessages(codebookMessages);
  const targets = parentChoices(tags, source);
  const [targetId, setTargetId] = useState(targets[0]?.id ?? '');
  const target = tags.find((t) => t.id === targetId);
  const preview = usePreview(targetId ? { action: 'merge', sourceIds: [source.id], targetId } : null);
  return (
    <ConfirmDialog
      title={m.mergeTitle(source.name)}
      confirmLabel={m.mergeConfirm}
      onClose={onClose}
      onConfirm={async () => {
        if (targetId) await undoStack.perform(() => glossa().mergeTags({ sourceIds: [source.id], targetId }));
      }}
    >
      <Field id="merge-target" label={m.mergeInto}>
        <select id="merge-target" value={targetId} onChange={(e) => setTargetId(e.target.value)}>
          <TagOptions tags={tags} shown={targets} />
        </select>
      </Field>
      {targets.length === 0 ? <p className="muted">{m.noOtherTag(source.name)}</p> : null}
      <p>{m.mergeLeaves(source.name, target?.name ?? '…')}</p>
      <Effect preview={preview} instead={(n) => m.mergeInstead(target?.name ?? '…', n)} />
    </ConfirmDialog>
  );
}
