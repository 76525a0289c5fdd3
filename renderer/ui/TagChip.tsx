/** A codebook tag as a chip: colour dot and name (colour is never the only cue); optionally removable. */
import type { CodeTag } from '../../core/model';
import { useMessages } from '../i18n';
import { uiMessages } from './messages';
import './workbench-ui.css';

interface Props {
  tag: CodeTag | undefined;
  /** Shown when the codebook no longer has the tag. */
  fallbackId?: string;
  onRemove?(): void;
}

export function TagChip({ tag, fallbackId, onRemove }: Props) {
  const m = useMessages(uiMessages);
  const name = tag?.name ?? m.deletedTag(fallbackId?.slice(0, 6) ?? '');
  return (
    <span className={tag ? 'tag-chip' : 'tag-chip tag-chip-missing'}>
      <span className="tag-dot" style={{ background: tag?.color ?? '#9ca3af' }} aria-hidden="true" />
      {name}
      {tag?.key ? (
        <kbd className="tag-chip-key" aria-label={m.tagKey(tag.key)}>
          {tag.key}
        </kbd>
      ) : null}
      {onRemove ? (
        <button type="button" className="chip-remove" aria-label={m.removeTag(name)} onClick={onRemove}>
          ×
        </button>
      ) : null}
    </span>
  );
}
