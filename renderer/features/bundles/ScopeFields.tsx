/** "What to export": the whole library, chosen snapshots, a tag, a speaker's quotes, or a search. */
import { useId, useMemo } from 'react';
import type { CodeTag } from '../../../core/model';
import { plural } from '../../ui/format';
import { useCodebook } from '../codebook/useCodebook';
import type { Row } from '../library/latestVersions';
import { useSpeakers } from '../speakers/useSpeakers';
import { collectionPath, collectionTree, type TreeNode } from '../archive/shelf';
import { useCollections } from '../archive/useCollections';
import { KIND_CHOICES, type Choices, type ScopeKind } from './exportChoices';

const annotationCount = (s: Row) => s.counts.quote + s.counts.claim + s.counts.figure + s.counts.note;

/** "Parent › Child", so tags with one name under different parents can be told apart. */
function tagPath(tags: readonly CodeTag[], tag: CodeTag): string {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const names = [tag.name];
  const seen = new Set([tag.id]);
  for (let p = tag.parentId ? byId.get(tag.parentId) : undefined; p && !seen.has(p.id); p = p.parentId ? byId.get(p.parentId) : undefined) {
    seen.add(p.id);
    names.unshift(p.name);
  }
  return names.join(' › ');
}

interface Props {
  choices: Choices;
  rows: Row[];
  change(patch: Partial<Choices>): void;
  disabled: boolean;
  /** The search the dialog was opened with ('' for none): offered as the first choice. */
  searchQuery: string;
}

export function ScopeFields({ choices, rows, change, disabled, searchQuery }: Props) {
  const { tags } = useCodebook();
  const { speakers } = useSpeakers();
  const collections = useCollections();
  const flat = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flat(n.children)]);
  const collectionOptions = flat(collectionTree(collections)).map((n) => ({ id: n.collection.id, label: collectionPath(collections, n.collection.id) }));
  const ids = useId();
  const tagOptions = useMemo(() => tags.map((t) => ({ id: t.id, label: tagPath(tags, t) })), [tags]);
  const chosen = new Set(choices.snapshotIds);

  const radio = (kind: ScopeKind, label: string, patch: Partial<Choices> = {}) => (
    <label className="choice">
      <input type="radio" name="export-scope" checked={choices.scope === kind} disabled={disabled} onChange={() => change({ scope: kind, ...patch })} />
      {label}
    </label>
  );

  function toggle(id: string, on: boolean) {
    change({ snapshotIds: on ? [...choices.snapshotIds, id] : choices.snapshotIds.filter((x) => x !== id) });
  }

  return (
    <fieldset className="scope">
      <legend>What to export</legend>
      {searchQuery ? radio('search', `Annotations matching “${searchQuery}”`, { searchQuery }) : null}
      {radio('library', 'Whole library')}
      {radio('snapshots', `Selected snapshots${choices.scope === 'snapshots' ? ` (${choices.snapshotIds.length})` : ''}`)}
      {choices.scope === 'snapshots' ? (
        <ul className="snapshot-checklist" aria-label="Snapshots to export">
          {rows.map((s) => (
            <li key={s.id}>
              <label className="choice">
                <input type="checkbox" checked={chosen.has(s.id)} disabled={disabled} onChange={(e) => toggle(s.id, e.target.checked)} />
                <span className="checklist-title" title={s.title || undefined}>
                  {s.title || 'Untitled'}
                </span>
                <span className="checklist-count">{plural(annotationCount(s), 'annotation')}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      {radio('tag', 'Annotations with a tag')}
      {choices.scope === 'tag' ? (
        <div className="scope-detail">
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-tag`}>
              Tag
            </label>
            <select id={`${ids}-tag`} value={choices.tagId} disabled={disabled} onChange={(e) => change({ tagId: e.target.value })}>
              <option value="">Choose a tag…</option>
              {tagOptions.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
          <label className="choice">
            <input type="checkbox" checked={choices.subtags} disabled={disabled} onChange={(e) => change({ subtags: e.target.checked })} />
            With the tags under it
          </label>
        </div>
      ) : null}
      {collectionOptions.length ? radio('collection', 'Articles in a collection') : null}
      {choices.scope === 'collection' ? (
        <div className="scope-detail">
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-collection`}>
              Collection
            </label>
            <select id={`${ids}-collection`} value={choices.collectionId} disabled={disabled} onChange={(e) => change({ collectionId: e.target.value })}>
              <option value="">Choose a collection…</option>
              {collectionOptions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
      {radio('speaker', 'Quotes of a speaker')}
      {choices.scope === 'speaker' ? (
        <div className="scope-detail">
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-speaker`}>
              Speaker
            </label>
            <select id={`${ids}-speaker`} value={choices.speakerId} disabled={disabled} onChange={(e) => change({ speakerId: e.target.value })}>
              <option value="">Choose a speaker…</option>
              {speakers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
      {radio('filter', 'Annotations matching a search')}
      {choices.scope === 'filter' ? (
        <div className="scope-detail">
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-query`}>
              Words in the quoted text or comment
            </label>
            <input id={`${ids}-query`} type="search" value={choices.query} disabled={disabled} onChange={(e) => change({ query: e.target.value })} />
          </div>
          <div className="kind-choices" role="group" aria-label="Kinds of annotation">
            {KIND_CHOICES.map((k) => (
              <label key={k.value} className="choice">
                <input
                  type="checkbox"
                  checked={choices.kinds.includes(k.value)}
                  disabled={disabled}
                  onChange={(e) => change({ kinds: e.target.checked ? [...choices.kinds, k.value] : choices.kinds.filter((x) => x !== k.value) })}
                />
                {k.label}
              </label>
            ))}
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
