/** "What to export": the whole library, chosen snapshots, a tag, a speaker's quotes, or a search. */
import { useId, useMemo } from 'react';
import type { CodeTag } from '../../../core/model';
import { useMessages } from '../../i18n';
import { useCodebook } from '../codebook/useCodebook';
import type { Row } from '../library/latestVersions';
import { useSpeakers } from '../speakers/useSpeakers';
import { collectionPath, collectionTree, type TreeNode } from '../archive/shelf';
import { useCollections } from '../archive/useCollections';
import { KIND_CHOICES, type Choices, type ScopeKind } from './exportChoices';
import { bundlesMessages } from './messages';

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
  const m = useMessages(bundlesMessages);
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

  // Built here, not inside the JSX below: the scope kinds are values, not words.
  const radios = {
    search: radio('search', m.searchMatching(searchQuery), { searchQuery }),
    library: radio('library', m.wholeLibrary),
    snapshots: radio('snapshots', m.selectedSnapshots(choices.scope === 'snapshots' ? choices.snapshotIds.length : null)),
    tag: radio('tag', m.withTag),
    collection: radio('collection', m.inCollection),
    speaker: radio('speaker', m.speakerQuotes),
    filter: radio('filter', m.matchingFilter),
  };

  function toggle(id: string, on: boolean) {
    change({ snapshotIds: on ? [...choices.snapshotIds, id] : choices.snapshotIds.filter((x) => x !== id) });
  }

  return (
    <fieldset className="scope">
      <legend>{m.whatToExport}</legend>
      {searchQuery ? radios.search : null}
      {radios.library}
      {radios.snapshots}
      {choices.scope === 'snapshots' ? (
        <ul className="snapshot-checklist" aria-label={m.snapshotsToExport}>
          {rows.map((s) => (
            <li key={s.id}>
              <label className="choice">
                <input type="checkbox" checked={chosen.has(s.id)} disabled={disabled} onChange={(e) => toggle(s.id, e.target.checked)} />
                <span className="checklist-title" title={s.title || undefined}>
                  {s.title || m.untitled}
                </span>
                <span className="checklist-count">{m.annotations(annotationCount(s))}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      {radios.tag}
      {choices.scope === 'tag' ? (
        <div className="scope-detail">
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-tag`}>
              {m.tag}
            </label>
            <select id={`${ids}-tag`} value={choices.tagId} disabled={disabled} onChange={(e) => change({ tagId: e.target.value })}>
              <option value="">{m.chooseTag}</option>
              {tagOptions.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
          <label className="choice">
            <input type="checkbox" checked={choices.subtags} disabled={disabled} onChange={(e) => change({ subtags: e.target.checked })} />
            {m.withSubtags}
          </label>
        </div>
      ) : null}
      {collectionOptions.length ? radios.collection : null}
      {choices.scope === 'collection' ? (
        <div className="scope-detail">
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-collection`}>
              {m.collection}
            </label>
            <select id={`${ids}-collection`} value={choices.collectionId} disabled={disabled} onChange={(e) => change({ collectionId: e.target.value })}>
              <option value="">{m.chooseCollection}</option>
              {collectionOptions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
      {radios.speaker}
      {choices.scope === 'speaker' ? (
        <div className="scope-detail">
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-speaker`}>
              {m.speaker}
            </label>
            <select id={`${ids}-speaker`} value={choices.speakerId} disabled={disabled} onChange={(e) => change({ speakerId: e.target.value })}>
              <option value="">{m.chooseSpeaker}</option>
              {speakers.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      ) : null}
      {radios.filter}
      {choices.scope === 'filter' ? (
        <div className="scope-detail">
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-query`}>
              {m.filterWords}
            </label>
            <input id={`${ids}-query`} type="search" value={choices.query} disabled={disabled} onChange={(e) => change({ query: e.target.value })} />
          </div>
          <div className="kind-choices" role="group" aria-label={m.kindsOfAnnotation}>
            {KIND_CHOICES.map((k) => (
              <label key={k} className="choice">
                <input
                  type="checkbox"
                  checked={choices.kinds.includes(k)}
                  disabled={disabled}
                  onChange={(e) => change({ kinds: e.target.checked ? [...choices.kinds, k] : choices.kinds.filter((x) => x !== k) })}
                />
                {m.kindPlural[k]}
              </label>
            ))}
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
