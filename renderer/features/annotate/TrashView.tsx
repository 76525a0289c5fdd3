/** The library's trash: every deleted annotation, newest first, each restorable (and undoable). */
import '../../ui/workbench-ui.css';
import { TrashList, useTrash } from './TrashList';
import './annotate.css';

export function TrashView() {
  const entries = useTrash();
  return (
    <div className="page">
      <div className="page-inner">
        <div className="page-head">
          <h1>Trash</h1>
        </div>
        <p className="page-note">Deleted annotations stay here (and travel in bundles as deletions) until you restore them.</p>
        <TrashList entries={entries} showSnapshot />
      </div>
    </div>
  );
}
