/** A codebook tag as a chip: colour dot and name (colour is never the only cue); optionally removable. */
import type { CodeTag } from '../../core/model';
import './workbench-ui.css';

interface Props {
  tag: CodeTag | undefined;
  /** Shown when the codebook no longer has the tag. */
  fallbackId?: string;
  onRemove?(): void;
}

export function TagChip({ tag, fallbackId, onRemove }: Props) {
  const name = tag?.name ?? `Deleted tag ${fallbackId?.slice(0, 6) ?? ''}`.trim();
  return (
    <span className={tag ? 'tag-chip' : 'tag-chip tag-chip-missing'}>
      <span className="tag-dot" style={{ background: tag?.color ?? '#9ca3af' }} aria-hidden="true" />
      {name}
      {tag?.key ? (
        <kbd className="tag-chip-key" aria-label={`key ${tag.key}`}>
          {tag.key}
        </kbd>
      ) : null}
      {onRemove ? (
        <button type="button" className="chip-remove" aria-label={`Remove tag ${name}`} onClick={onRemove}>
          ×
        </button>
      ) : null}
    </span>
  );
}
