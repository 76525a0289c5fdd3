/**
 * Find in the article (/ or Ctrl+F). Case, spaces and quote marks do not matter; "first
 * words … last words" finds a whole passage. Enter selects the next match in the article
 * (Shift+Enter the previous) and hands the keyboard back to it, so Q, C, F or N tags it
 * and Shift+arrows adjust it; / comes back to the bar, Enter goes on. Escape closes.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { OpOutput } from '../../../core/api';
import { glossa } from '../../glossa';
import { useMessages } from '../../i18n';
import { readerMessages } from './messages';

type Result = OpOutput<'searchSnapshot'>;

interface Props {
  snapshotId: string;
  /** Changes when / is pressed again: the open bar takes focus, keeping its query and place. */
  focusToken: number;
  onSelect(match: { start: number; end: number }): void;
  onClose(): void;
}

export function FindBar({ snapshotId, focusToken, onSelect, onClose }: Props) {
  const m = useMessages(readerMessages);
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [index, setIndex] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  /** The query the result belongs to: Enter on newer typing waits for its own result. */
  const pending = useRef<Promise<Result | null>>(Promise.resolve(null));

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusToken]);

  const search = (q: string): Promise<Result | null> => {
    const run = q.trim() ? glossa().searchSnapshot({ snapshotId, query: q }) : Promise.resolve(null);
    pending.current = run;
    void run.then(
      (r) => {
        if (pending.current !== run) return;
        setResult(r);
        setIndex(-1);
      },
      () => undefined,
    );
    return run;
  };

  const go = async (direction: 1 | -1) => {
    const r = await pending.current;
    const n = r?.matches.length ?? 0;
    if (!r || n === 0) return;
    const next = index < 0 ? (direction === 1 ? 0 : n - 1) : (index + direction + n) % n;
    setIndex(next);
    onSelect(r.matches[next]!);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void go(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  const n = result?.matches.length ?? 0;
  const status = !query.trim() ? m.findEmpty : !result ? m.searching : n === 0 ? m.notFound : index >= 0 ? m.matchOf(index + 1, n) : m.matchesFound(n);
  return (
    <div className="find-bar" role="search" aria-label={m.findInArticle}>
      <label htmlFor="find-input" className="visually-hidden">
        {m.findInArticle}
      </label>
      <input
        id="find-input"
        ref={inputRef}
        type="search"
        value={query}
        placeholder={m.findPlaceholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setQuery(e.target.value);
          void search(e.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <span className="find-status" role="status">
        {status}
        {result && result.annotations.length ? m.annotationsMention(result.annotations.length) : ''}
      </span>
      <button type="button" className="button button-small" onClick={() => void go(-1)} disabled={n === 0} aria-label={m.previousMatch}>
        ↑
      </button>
      <button type="button" className="button button-small" onClick={() => void go(1)} disabled={n === 0} aria-label={m.nextMatch}>
        ↓
      </button>
      <button type="button" className="icon-button" onClick={onClose} aria-label={m.closeFind}>
        ×
      </button>
    </div>
  );
}
