/**
 * The library's search field: / or Ctrl/Cmd+F focus it from anywhere in the view (not while
 * typing elsewhere), Escape clears it, ↓ moves into the results. Facet filters added by
 * clicking show as chips after it, each removable.
 */
import { useRef, type KeyboardEvent } from 'react';
import { SORT_ORDERS_SHOWN } from './sortOrders';
import { useKeyboard } from '../../app/keyboard';
import { useMessages } from '../../i18n';
import { searchMessages } from './messages';
import { clearSearch, removeSearchFilter, setSearchSort, setSearchText, useSearchState } from './searchState';

interface Props {
  /** What the field searches, for its label. */
  label: string;
  /** Show the sort menu (the results are sorted by it). */
  sortable: boolean;
  /** ↓ from the field: focus the first result. */
  onDown?(): void;
}

export function SearchField({ label, sortable, onDown }: Props) {
  const { text, filters, sort } = useSearchState();
  const input = useRef<HTMLInputElement>(null);
  const m = useMessages(searchMessages);
  const focus = () => {
    input.current?.focus();
    input.current?.select();
  };
  useKeyboard([
    { key: '/', run: focus, help: { group: m.libraryGroup, label: m.searchTheLibrary, keys: '/' } },
    { key: 'f', mod: true, run: focus, help: { group: m.libraryGroup, label: m.searchTheLibrary } },
  ]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape' && (text || filters.length)) {
      e.preventDefault();
      clearSearch();
    } else if (e.key === 'ArrowDown' && onDown) {
      e.preventDefault();
      onDown();
    }
  };

  return (
    <div className="search-bar" role="search" aria-label={label}>
      <input
        ref={input}
        className="search-input"
        type="search"
        value={text}
        placeholder={m.placeholder}
        aria-label={label}
        aria-keyshortcuts="/ Control+F"
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setSearchText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {filters.length ? (
        <ul className="search-chips" aria-label={m.filters}>
          {filters.map((f) => (
            <li key={f}>
              <button type="button" className="search-chip" onClick={() => removeSearchFilter(f)} aria-label={m.removeFilter(f)}>
                {f} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {sortable ? (
        <label className="search-sort">
          {m.sort}
          <select value={sort} onChange={(e) => setSearchSort(SORT_ORDERS_SHOWN.find((o) => o === e.target.value) ?? 'relevance')}>
            {SORT_ORDERS_SHOWN.map((o) => (
              <option key={o} value={o}>
                {m.sortOrder[o]}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </div>
  );
}
