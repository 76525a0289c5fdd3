/**
 * Facets of the current search (kind, tag, speaker, verdict, site, language, year) with their
 * counts. A value narrows the search (its filter is added as a chip); pressed again, it is
 * taken off. Counts follow the search, so they narrow as values are clicked.
 */
import type { FacetValue, Facets } from '../../../core/search/engine';
import { formatNumber } from '../../ui/format';
import { addSearchFilter, removeSearchFilter, useSearchState } from './searchState';

const GROUPS: { key: keyof Facets; label: string }[] = [
  { key: 'kind', label: 'Kind' },
  { key: 'tag', label: 'Tag' },
  { key: 'speaker', label: 'Speaker' },
  { key: 'verdict', label: 'Verdict' },
  { key: 'site', label: 'Site' },
  { key: 'lang', label: 'Language' },
  { key: 'year', label: 'Year' },
];

export function FacetPanel({ facets }: { facets: Facets | null }) {
  const { filters } = useSearchState();
  return (
    <nav className="facets" aria-label="Narrow the search">
      <h2 className="facets-title">Narrow by</h2>
      {!facets ? <p className="muted small">Counting…</p> : null}
      {facets
        ? GROUPS.map(({ key, label }) => {
            const values = facets[key];
            if (!values.length) return null;
            return (
              <section key={key} className="facet-group" aria-labelledby={`facet-${key}`}>
                <h3 id={`facet-${key}`}>{label}</h3>
                <ul>
                  {values.map((v) => (
                    <FacetButton key={v.filter} value={v} pressed={filters.includes(v.filter)} group={label} />
                  ))}
                </ul>
              </section>
            );
          })
        : null}
    </nav>
  );
}

function FacetButton({ value, pressed, group }: { value: FacetValue; pressed: boolean; group: string }) {
  return (
    <li>
      <button
        type="button"
        className="facet-value"
        aria-pressed={pressed}
        aria-label={`${group}: ${value.label}, ${formatNumber(value.count)}`}
        onClick={() => (pressed ? removeSearchFilter(value.filter) : addSearchFilter(value.filter))}
      >
        <span className="facet-label">{value.label}</span>
        <span className="facet-count">{formatNumber(value.count)}</span>
      </button>
    </li>
  );
}
