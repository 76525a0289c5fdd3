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
import { useMessages } from '../../i18n';
import { annotateMessages } from './messages';
import '../archive/archive.css';

export function TrashView() {
  const m = useMessages(annotateMessages);
  const entries = useTrash();
  const archive = useArchive();
  return (
    <div className="trash-page">
      <Sidebar rows={archive.rows} trashCount={archive.trash.length} collections={archive.collections} current={{ kind: 'trash' }} />
      <div className="page">
        <div className="page-inner">
          <div className="page-head">
            <h1>{m.trash}</h1>
          </div>
          <ArticleTrash rows={archive.trash} />
          <section aria-labelledby="trash-annotations">
            <h2 id="trash-annotations">{m.deletedAnnotations}</h2>
            <p className="page-note">{m.trashNote}</p>
            <TrashList entries={entries} showSnapshot />
          </section>
        </div>
      </div>
    </div>
  );
}
