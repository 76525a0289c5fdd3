/**
 * The trash: deleted articles (restorable, or removed for good when the trash is emptied) and
 * every deleted annotation, newest first, each restorable (and undoable).
 */
import '../../ui/workbench-ui.css';
import { ArticleTrash } from '../archive/ArticleTrash';
import { Sidebar } from '../archive/Sidebar';
import { useArchive } from '../archive/useArchive';
import { TrashList, useTrash } from './TrashList';
import './annotate.css';
import '../archive/archive.css';

export function TrashView() {
  const entries = useTrash();
  const archive = useArchive();
  return (
    <div className="trash-page">
      <Sidebar rows={archive.rows} trashCount={archive.trash.length} collections={archive.collections} current={{ kind: 'trash' }} />
      <div className="page">
        <div className="page-inner">
          <div className="page-head">
            <h1>Trash</h1>
          </div>
          <ArticleTrash rows={archive.trash} />
          <section aria-labelledby="trash-annotations">
            <h2 id="trash-annotations">Deleted annotations</h2>
            <p className="page-note">Deleted annotations stay here (and travel in bundles as deletions) until you restore them.</p>
            <TrashList entries={entries} showSnapshot />
          </section>
        </div>
      </div>
    </div>
  );
}
