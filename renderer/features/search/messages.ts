/** What the library search, its facets and the annotation browser say, in each language. */
import type { SortOrder } from '../../../core/search/engine';
import { defineMessages } from '../../i18n';
import { formatNumber } from '../../ui/format';

export const searchMessages = defineMessages({
  en: {
    // The annotation browser.
    annotations: 'Annotations',
    exportThese: 'Export these…',
    searchAnnotations: 'Search the annotations',
    matchCount: (n: number, query: string) => `${formatNumber(n)} annotation${n === 1 ? '' : 's'} match “${query}”`,
    noAnnotationMatchesSearch: 'No annotation matches this search.',
    noAnnotationsYet: 'No annotations yet: open an article and tag quotes, claims and figures.',
    column: {
      kind: 'Kind',
      exact: 'Words',
      article: 'Article',
      captured: 'Captured',
      speaker: 'Speaker',
      role: 'Role',
      quoteType: 'Type',
      claimant: 'Claimant',
      verdict: 'Verdict',
      value: 'Value',
      unit: 'Unit',
      measure: 'Measure',
      author: 'By',
    },
    image: '(image)',
    untitled: 'Untitled',
    couldNotList: (why: string) => `Could not list the annotations: ${why}`,

    // Facets.
    narrowTheSearch: 'Narrow the search',
    narrowBy: 'Narrow by',
    counting: 'Counting…',
    facet: { kind: 'Kind', tag: 'Tag', speaker: 'Speaker', verdict: 'Verdict', site: 'Site', lang: 'Language', year: 'Year' } as Record<string, string>,
    facetValue: (group: string, label: string, count: number) => `${group}: ${label}, ${formatNumber(count)}`,

    // The search field.
    libraryGroup: 'Library',
    searchTheLibrary: 'Search the library',
    placeholder: 'Search words, “a phrase”, speaker:…, tag:…, kind:quote…',
    filters: 'Filters',
    removeFilter: (filter: string) => `Remove filter ${filter}`,
    sort: 'Sort',
    sortOrder: { relevance: 'Best match', newest: 'Newest', oldest: 'Oldest', title: 'Title', annotated: 'Most annotated' } as Record<SortOrder, string>,

    // The results.
    articles: 'Articles',
    noArticleMatches: 'No article matches.',
    noAnnotationMatches: 'No annotation matches.',
    moreArticles: (n: number) => `Show more articles (${formatNumber(n)} more)`,
    moreAnnotations: (n: number) => `Show more annotations (${formatNumber(n)} more)`,
    notAnnotated: 'not annotated',
    verdictIs: (verdict: string) => `verdict: ${verdict}`,
    couldNotSearch: (why: string) => `Could not search: ${why}`,
  },
  es: {
    annotations: 'Anotaciones',
    exportThese: 'Exportar estas…',
    searchAnnotations: 'Buscar en las anotaciones',
    matchCount: (n: number, query: string) => (n === 1 ? `1 anotación coincide con “${query}”` : `${formatNumber(n)} anotaciones coinciden con “${query}”`),
    noAnnotationMatchesSearch: 'Ninguna anotación coincide con esta búsqueda.',
    noAnnotationsYet: 'Aún no hay anotaciones: abre un artículo y etiqueta citas, afirmaciones y cifras.',
    column: {
      kind: 'Tipo',
      exact: 'Texto',
      article: 'Artículo',
      captured: 'Capturado',
      speaker: 'Hablante',
      role: 'Cargo',
      quoteType: 'Estilo',
      claimant: 'Declarante',
      verdict: 'Veredicto',
      value: 'Valor',
      unit: 'Unidad',
      measure: 'Qué mide',
      author: 'Por',
    },
    image: '(imagen)',
    untitled: 'Sin título',
    couldNotList: (why: string) => `No se pudo listar las anotaciones: ${why}`,

    narrowTheSearch: 'Acotar la búsqueda',
    narrowBy: 'Acotar por',
    counting: 'Contando…',
    facet: { kind: 'Tipo', tag: 'Etiqueta', speaker: 'Hablante', verdict: 'Veredicto', site: 'Medio', lang: 'Idioma', year: 'Año' },
    facetValue: (group: string, label: string, count: number) => `${group}: ${label}, ${formatNumber(count)}`,

    libraryGroup: 'Biblioteca',
    searchTheLibrary: 'Buscar en la biblioteca',
    placeholder: 'Busca palabras, “una frase”, speaker:…, tag:…, kind:quote…',
    filters: 'Filtros',
    removeFilter: (filter: string) => `Quitar el filtro ${filter}`,
    sort: 'Ordenar',
    sortOrder: { relevance: 'Más relevantes', newest: 'Más recientes', oldest: 'Más antiguos', title: 'Título', annotated: 'Más anotados' },

    articles: 'Artículos',
    noArticleMatches: 'Ningún artículo coincide.',
    noAnnotationMatches: 'Ninguna anotación coincide.',
    moreArticles: (n: number) => `Mostrar más artículos (${formatNumber(n)} más)`,
    moreAnnotations: (n: number) => `Mostrar más anotaciones (${formatNumber(n)} más)`,
    notAnnotated: 'sin anotar',
    verdictIs: (verdict: string) => `veredicto: ${verdict}`,
    couldNotSearch: (why: string) => `No se pudo buscar: ${why}`,
  },
});

/** A stored value shown through a label map, as is when the map has no label for it. */
export const labelOf = (labels: Readonly<Record<string, string>>, value: string): string => labels[value] ?? value;
