/** The library as the archive views need it: live articles (corrected, newest version each), the trash, the collections. */
import { useMemo } from 'react';
import type { Collection, SnapshotSummary } from '../../../core/model';
import { inTrash } from '../../../core/model';
import { useSnapshots } from '../library/useSnapshots';
import { articleRows, type ArticleRow } from './shelf';
import { useCollections } from './useCollections';

export interface Archive {
  snapshots: SnapshotSummary[];
  loaded: boolean;
  rows: ArticleRow[];
  /** Articles in the trash, most recently deleted first. */
  trash: SnapshotSummary[];
  collections: Collection[];
}

export function useArchive(): Archive {
  const { snapshots, loaded } = useSnapshots();
  const collections = useCollections();
  const rows = useMemo(() => articleRows(snapshots), [snapshots]);
  const trash = useMemo(
    () => snapshots.filter((s) => inTrash(s.article)).sort((a, b) => (b.article?.deletedAt ?? '').localeCompare(a.article?.deletedAt ?? '')),
    [snapshots],
  );
  return { snapshots, loaded, rows, trash, collections };
}
