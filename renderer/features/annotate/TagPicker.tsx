/**
 * Tags for one annotation (T): the codebook as a filterable list. With the filter empty, a
 * tag's own key toggles it at once; ↓/↑ and Enter (or Space) toggle the highlighted one;
 * typing filters. A name that matches nothing can be added to the codebook from here.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { Annotation, CodeTag } from '../../../core/model';
import { reportError } from '../../app/messages';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { Dialog } from '../../ui/Dialog';
import { useCodebook } from '../codebook/useCodebook';
import { inOrder } from './saving';
import { messagesNow, useMessages } from '../../i18n';
import { annotateMessages } from './messages';

/** The mark of a tag the annotation has. */
const CHECK_MARK = '✓';

interface Props {
  annotation: Annotation;
  onClose(): void;
}

/** Parent ▸ child names of every tag, for filtering by any part of the path. */
function paths(tags: readonly CodeTag[]): Map<string, string> {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const out = new Map<string, string>();
  for (const t of tags) {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let x: CodeTag | undefined = t; x && !seen.has(x.id); x = x.parentId ? byId.get(x.parentId) : undefined) {
      seen.add(x.id);
      names.unshift(x.name);
    }
    out.set(t.id, names.join(' ▸ '));
  }
  return out;
}

export function TagPicker({ annotation, onClose }: Props) {
  const m = useMessages(annotateMessages);
  const { tags } = useCodebook();
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const names = useMemo(() => paths(tags), [tags]);
  const shown = tags.filter((t) => names.get(t.id)!.toLocaleLowerCase().includes(filter.trim().toLocaleLowerCase()));
  const on = new Set(annotation.tags);

  const toggle = (tag: CodeTag) => {
    const has = on.has(tag.id);
    undoStack
      .perform(() =>
        inOrder(annotation.id, () =>
          glossa().setAnnotationTags({ snapshotId: annotation.snapshotId, id: annotation.id, ...(has ? { remove: [tag.id] } : { add: [tag.id] }) }),
        ),
      )
      .catch((e: unknown) => reportError(e, messagesNow(annotateMessages).couldNotChangeTags));
  };

  const create = () => {
    const name = filter.trim();
    if (!name) return;
    undoStack
      .perform(() => glossa().createTag({ name }))
      .then((out) =>
        undoStack.perform(() =>
          inOrder(annotation.id, () => glossa().setAnnotationTags({ snapshotId: annotation.snapshotId, id: annotation.id, add: [out.tag.id] })),
        ),
      )
      .then(() => setFilter(''))
      .catch((e: unknown) => reportError(e, messagesNow(annotateMessages).couldNotAddTag));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (filter === '' && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const keyed = tags.find((t) => t.key === e.key.toLowerCase());
      if (keyed) {
        e.preventDefault();
        toggle(keyed);
        onClose();
        return;
      }
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = shown.length + (filter.trim() ? 1 : 0);
      if (n) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : -1) + n) % n);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const t = shown[active];
      if (t) toggle(t);
      else create();
    }
  };

  return (
    <Dialog title={m.tags} onClose={onClose}>
      <div className="field">
        <label className="field-label" htmlFor="tag-filter">
          {m.findTag}
        </label>
        <input
          id="tag-filter"
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls="tag-options"
          aria-activedescendant={shown[active] ? `tag-opt-${shown[active]!.id}` : undefined}
          value={filter}
          autoFocus
          autoComplete="off"
          onChange={(e) => {
            setFilter(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      {tags.length === 0 ? <p className="muted">{m.codebookEmpty}</p> : null}
      <ul id="tag-options" role="listbox" aria-label={m.codebookTags} aria-multiselectable="true" className="picker-list">
        {shown.map((t, i) => (
          <li
            key={t.id}
            id={`tag-opt-${t.id}`}
            role="option"
            aria-selected={on.has(t.id)}
            className={i === active ? 'picker-option is-active' : 'picker-option'}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => toggle(t)}
          >
            <span className="picker-check" aria-hidden="true">
              {on.has(t.id) ? CHECK_MARK : ''}
            </span>
            <span className="tag-dot" style={{ background: t.color }} aria-hidden="true" />
            <span className="picker-name">{names.get(t.id)}</span>
            {t.key ? <kbd>{t.key}</kbd> : null}
          </li>
        ))}
        {filter.trim() && !tags.some((t) => t.name.toLocaleLowerCase() === filter.trim().toLocaleLowerCase()) ? (
          <li
            role="option"
            aria-selected={false}
            className={active === shown.length ? 'picker-option is-active' : 'picker-option'}
            onMouseDown={(e) => e.preventDefault()}
            onClick={create}
          >
            <span className="picker-check" aria-hidden="true">
              +
            </span>
            {m.addToCodebook(filter.trim())}
          </li>
        ) : null}
      </ul>
    </Dialog>
  );
}
