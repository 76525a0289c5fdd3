/** Naming a collection (new, sub-collection, rename), and the keyboard path for filing and tagging a selection. */
import { useState } from 'react';
import type { Collection } from '../../../core/model';
import { undoStack } from '../../app/undo';
import { glossa } from '../../glossa';
import { Field } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';
import { useMessages } from '../../i18n';
import { TagChip } from '../../ui/TagChip';
import { useBusyAction } from '../../ui/useBusyAction';
import { useCodebook } from '../codebook/useCodebook';
import { fileInto, tagArticles } from './actions';
import { archiveMessages } from './messages';
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
  const m = useMessages(archiveMessages);
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
  const title = collection ? m.renameCollectionTitle(collection.name) : parent ? m.newCollectionIn(parent.name) : m.newCollection;
  return (
    <FormDialog
      title={title}
      formId="collection-form"
      submitLabel={collection ? m.rename : m.create}
      canSubmit={name.trim() !== ''}
      busy={busy}
      error={error}
      onSubmit={() => void save()}
      onClose={onClose}
    >
      <Field id="collection-name" label={m.name}>
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
  const m = useMessages(archiveMessages);
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
      title={m.addToCollectionTitle(rows)}
      formId="file-form"
      submitLabel={m.add}
      canSubmit={target !== ''}
      busy={busy}
      error={error}
      onSubmit={() => void save()}
      onClose={onClose}
    >
      {options.length === 0 ? (
        <p>{m.noCollections}</p>
      ) : (
        <Field id="file-target" label={m.collection}>
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
  const m = useMessages(archiveMessages);
  const { tags } = useCodebook();
  const [tagId, setTagId] = useState('');
  return (
    <FormDialog
      title={m.tagArticlesTitle(rows)}
      formId="article-tag-form"
      submitLabel={m.addTag}
      canSubmit={tagId !== ''}
      busy={false}
      error={null}
      onSubmit={() => void tagArticles(ids, [tagId], []).then(onClose)}
      onClose={onClose}
    >
      {tags.length === 0 ? (
        <p>{m.noTags}</p>
      ) : (
        <Field id="article-tag" label={m.tagLabel}>
          <select id="article-tag" value={tagId} data-autofocus onChange={(e) => setTagId(e.target.value)}>
            <option value="">{m.chooseTag}</option>
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
          <span className="field-label">{m.onTheseArticles}</span>
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
