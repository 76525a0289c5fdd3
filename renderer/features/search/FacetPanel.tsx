/**
 * Facets of the current search (kind, tag, speaker, verdict, site, language, year) with their
 * counts. A value narrows the search (its filter is added as a chip); pressed again, it is
 * taken off. Counts follow the search, so they narrow as values are clicked.
 */
import type { FacetValue, Facets } from '../../../core/search/engine';
import { useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { formatNumber } from '../../ui/format';
import { labelOf, searchMessages } from './messages';
import { addSearchFilter, removeSearchFilter, useSearchState } from './searchState';

const GROUPS: readonly (keyof Facets)[] = ['kind', 'tag', 'speaker', 'verdict', 'site', 'lang', 'year'];

export function FacetPanel({ facets }: { facets: Facets | null }) {
  const { filters } = useSearchState();
  const m = useMessages(searchMessages);
  const common = useMessages(commonMessages);
  // Kinds and verdicts are shown in the window's language (their filters stay as core writes them); names, sites and years as they are.
  const shown = (key: keyof Facets, label: string) =>
    key === 'kind' ? labelOf(common.kindName, label) : key === 'verdict' ? labelOf(common.verdictName, label) : label;
  return (
    <nav className="facets" aria-label={m.narrowTheSearch}>
      <h2 className="facets-title">{m.narrowBy}</h2>
      {!facets ? <p className="muted small">{m.counting}</p> : null}
      {facets
        ? GROUPS.map((key) => {
            const values = facets[key];
            if (!values.length) return null;
            const label = labelOf(m.facet, key);
            return (
              <section key={key} className="facet-group" aria-labelledby={`facet-${key}`}>
                <h3 id={`facet-${key}`}>{label}</h3>
                <ul>
                  {values.map((v) => (
                    <FacetButton key={v.filter} value={v} shown={shown(key, v.label)} pressed={filters.includes(v.filter)} group={label} />
                  ))}
                </ul>
              </section>
            );
          })
        : null}
    </nav>
  );
}

function FacetButton({ value, shown, pressed, group }: { value: FacetValue; shown: string; pressed: boolean; group: string }) {
  const m = useMessages(searchMessages);
  return (
    <li>
      <button
        type="button"
        className="facet-value"
        aria-pressed={pressed}
        aria-label={m.facetValue(group, shown, value.count)}
        onClick={() => (pressed ? removeSearchFilter(value.filter) : addSearchFilter(value.filter))}
      >
        <span className="facet-label">{shown}</span>
        <span className="facet-count">{formatNumber(value.count)}</span>
      </button>
    </li>
  );
}
