/** A line above the library while annotations are kept in two versions after a merge. */
import { useMessages } from '../../i18n';
import { bundlesMessages } from './messages';
import { useConflicts } from './useConflicts';
import './bundles.css';

export function ConflictBanner({ onReview }: { onReview(): void }) {
  const m = useMessages(bundlesMessages);
  const { conflicts } = useConflicts();
  if (conflicts.length === 0) return null;
  return (
    <section className="conflict-banner" aria-label={m.conflictsLabel}>
      <p>
        <strong>{m.bannerCount(conflicts.length)}</strong>
        {m.bannerRest}
      </p>
      <button type="button" className="button" onClick={onReview}>
        {m.reviewConflicts}
      </button>
    </section>
  );
}
