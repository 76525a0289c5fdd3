/** A line above the library while annotations are kept in two versions after a merge. */
import { plural } from '../../ui/format';
import { useConflicts } from './useConflicts';
import './bundles.css';

export function ConflictBanner({ onReview }: { onReview(): void }) {
  const { conflicts } = useConflicts();
  if (conflicts.length === 0) return null;
  return (
    <section className="conflict-banner" aria-label="Conflicts">
      <p>
        <strong>{plural(conflicts.length, 'annotation has', 'annotations have')} two versions</strong> — changed both here and in an imported bundle. Nothing
        was overwritten; choose which version to keep.
      </p>
      <button type="button" className="button" onClick={onReview}>
        Review conflicts…
      </button>
    </section>
  );
}
