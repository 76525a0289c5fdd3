/** Naming a collection (new, sub-collection, rename), and the keyboard path for filing and tagging a selection. */
import { useState } from 'react';
import type { Collection } from '../../../core/model';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { Field } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { plural } from '../../ui/format';
import { TagChip } from '../../ui/TagChip';
import { useBusyAction } from '../../ui/useBusyAction';
import { useCodebook } from '../codebook/useCodebook';
import { fileInto, tagArticles } from './actions';
import { collectionPath, collectionTree, type TreeNode } from './shelf';

/** `collection`: rename it; otherwise a new one (under `parent` when given). */
export function CollectionNameDialog({
  collection,
  parent,
  onClose,
  onDone,
}: {
  collection?: Collection;
  parent?: Collection;
  onClose(): void;
  onDone?(collection: Collection): void;
}) {
  const [name, setName] = useState(collection?.name ?? '');
  const { busy, error, run } = useBusyAction();
  const save = () =>
    run(async () => {
      if (collection) await undoStack.perform(() => glossa().updateCollection({ id: collection.id, name }));
      else {
        const made = await undoStack.perform(() => glossa().createCollection({ name, parentId: parent?.id ?? null }));
        onDone?.(made.collection);
      }
      onClose();
    });
  const title = collection ? `Rename collection “${collection.name}”` : parent ? `New collection in “${parent.name}”` : 'New collection';
  return (
    <FormDialog
      title={title}
      formId="collection-form"
      submitLabel={collection ? 'Rename' : 'Create'}
      canSubmit={name.trim() !== ''}
      busy={busy}
      error={error}
      onSubmit={() => void save()}
      onClose={onClose}
    >
      <Field id="collection-name" label="Name">
        <input id="collection-name" type="text" value={name} autoFocus maxLength={200} onChange={(e) => setName(e.target.value)} />
      </Field>
    </FormDialog>
  );
}

const flatten = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

/** "Add to collection…": the same as dropping the selection on a collection, for the keyboard. */
export function AddToCollectionDialog({
  ids,
  rows,
  collections,
  onClose,
}: {
  ids: string[];
  rows: number;
  collections: readonly Collection[];
  onClose(): void;
}) {
  const options = flatten(collectionTree(collections));
  const [target, setTarget] = useState(options[0]?.collection.id ?? '');
  const { busy, error, run } = useBusyAction();
  const save = () =>
    run(async () => {
      await fileInto(ids, rows, target, collectionPath(collections, target));
      onClose();
    });
  return (
    <FormDialog
      title={`Add ${plural(rows, 'article')} to a collection`}
      formId="file-form"
      submitLabel="Add"
      canSubmit={target !== ''}
      busy={busy}
      error={error}
      onSubmit={() => void save()}
      onClose={onClose}
    >
      {options.length === 0 ? (
        <p>There are no collections yet. Create one with “New collection” in the sidebar.</p>
      ) : (
        <Field id="file-target" label="Collection">
          <select id="file-target" value={target} data-autofocus onChange={(e) => setTarget(e.target.value)}>
            {options.map((n) => (
              <option key={n.collection.id} value={n.collection.id}>
                {collectionPath(collections, n.collection.id)}
              </option>
            ))}
          </select>
        </Field>
      )}
    </FormDialog>
  );
}

/** Article tags for a selection: add one tag from the codebook, or take off one the articles carry. */
export function TagArticlesDialog({ ids, rows, carried, onClose }: { ids: string[]; rows: number; carried: string[]; onClose(): void }) {
  const { tags } = useCodebook();
  const [tagId, setTagId] = useState('');
  return (
    <FormDialog
      title={`Tag ${plural(rows, 'article')}`}
      formId="article-tag-form"
      submitLabel="Add tag"
      canSubmit={tagId !== ''}
      busy={false}
      error={null}
      onSubmit={() => void tagArticles(ids, [tagId], []).then(onClose)}
      onClose={onClose}
    >
      {tags.length === 0 ? (
        <p>The codebook has no tags yet; add some on the Codebook page.</p>
      ) : (
        <Field id="article-tag" label="Tag">
          <select id="article-tag" value={tagId} data-autofocus onChange={(e) => setTagId(e.target.value)}>
            <option value="">Choose a tag…</option>
            {tags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {carried.length ? (
        <div className="field">
          <span className="field-label">On these articles</span>
          <div className="chip-row">
            {carried.map((id) => (
              <TagChip key={id} tag={tags.find((t) => t.id === id)} fallbackId={id} onRemove={() => void tagArticles(ids, [], [id])} />
            ))}
          </div>
        </div>
      ) : null}
    </FormDialog>
  );
}
