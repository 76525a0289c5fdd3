/**
 * The hits of a library search, told apart: articles (title, site, date, counts, a snippet of
 * the text around the matched words) and annotations (kind, the quoted words, who, verdict,
 * tags). Each opens the reader at its words or its annotation. ↑/↓, Home/End move between
 * hits; Enter opens one.
 */
import type { KeyboardEvent, Ref } from 'react';
import type { AnnotationHit, ArticleHit } from '../../../core/search/engine';
import { hrefFor } from '../../app/route';
import { KindBadge } from '../../ui/KindBadge';
import { useMessages } from '../../i18n';
import { commonMessages } from '../../i18n/common';
import { formatDate, formatNumber } from '../../ui/format';
import { HighlightedText } from './HighlightedText';
import { labelOf, searchMessages } from './messages';
import { firstMatch } from './segments';
import type { Found } from './useLibrarySearch';

interface Props {
  ref?: Ref<HTMLDivElement>;
  found: Found;
  more(list: 'articles' | 'annotations'): void;
}

/** Moves focus between the hit links of the lists (and back up to the field from the first). */
function onListKeys(e: KeyboardEvent<HTMLElement>) {
  if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  const links = [...e.currentTarget.querySelectorAll<HTMLElement>('.hit-link')];
  const at = links.indexOf(document.activeElement as HTMLElement);
  if (at < 0) return;
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: links.length - 1 }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  links[Math.max(0, Math.min(links.length - 1, next))]?.focus();
}

export function SearchResults({ ref, found, more }: Props) {
  const { articles, annotations, notes } = found;
  const m = useMessages(searchMessages);
  return (
    <div ref={ref} className="search-results" onKeyDown={onListKeys}>
      {notes.length ? (
        <ul className="search-notes">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      <section className="hit-section" aria-labelledby="hits-articles">
        <h2 id="hits-articles" className="hit-heading">
          {m.articles} <span className="hit-count">{formatNumber(articles.total)}</span>
        </h2>
        {articles.total === 0 ? <p className="muted small">{m.noArticleMatches}</p> : null}
        <ul className="hit-list">
          {articles.hits.map((h) => (
            <ArticleItem key={h.id} hit={h} />
          ))}
        </ul>
        {articles.hits.length < articles.total ? (
          <button type="button" className="button button-small" onClick={() => more('articles')}>
            {m.moreArticles(articles.total - articles.hits.length)}
          </button>
        ) : null}
      </section>
      <section className="hit-section" aria-labelledby="hits-annotations">
        <h2 id="hits-annotations" className="hit-heading">
          {m.annotations} <span className="hit-count">{formatNumber(annotations.total)}</span>
        </h2>
        {annotations.total === 0 ? <p className="muted small">{m.noAnnotationMatches}</p> : null}
        <ul className="hit-list">
          {annotations.hits.map((h) => (
            <AnnotationItem key={h.id} hit={h} />
          ))}
        </ul>
        {annotations.hits.length < annotations.total ? (
          <button type="button" className="button button-small" onClick={() => more('annotations')}>
            {m.moreAnnotations(annotations.total - annotations.hits.length)}
          </button>
        ) : null}
      </section>
    </div>
  );
}

function ArticleItem({ hit }: { hit: ArticleHit }) {
  const at = firstMatch(hit.snippet);
  const href = hrefFor(at ? { view: 'reader', snapshotId: hit.id, at } : { view: 'reader', snapshotId: hit.id });
  const m = useMessages(searchMessages);
  const common = useMessages(commonMessages);
  const counted = (['quote', 'claim', 'figure'] as const).map((kind) => common.kindCount(kind, formatNumber(hit.counts[kind]), hit.counts[kind] === 1));
  return (
    <li className="hit hit-article">
      <a className="hit-link hit-title" href={href}>
        <HighlightedText value={hit.title} />
      </a>
      <p className="hit-meta">
        {[hit.site, formatDate(hit.publishedAt ?? hit.capturedAt), hit.counts.total ? counted.join(', ') : m.notAnnotated].filter(Boolean).join(' · ')}
      </p>
      {hit.snippet ? (
        <p className="hit-snippet">
          <HighlightedText value={hit.snippet} />
        </p>
      ) : null}
    </li>
  );
}

function AnnotationItem({ hit }: { hit: AnnotationHit }) {
  const m = useMessages(searchMessages);
  const common = useMessages(commonMessages);
  const who = hit.kind === 'quote' ? hit.speaker : hit.kind === 'claim' ? hit.claimant : '';
  return (
    <li className="hit hit-annotation">
      <KindBadge kind={hit.kind} />
      <a className="hit-link hit-exact" href={hrefFor({ view: 'reader', snapshotId: hit.snapshotId, annotationId: hit.id })}>
        <HighlightedText value={hit.exact} />
      </a>
      <p className="hit-meta">
        {[who, hit.verdict ? m.verdictIs(labelOf(common.verdictName, hit.verdict)) : '', hit.articleTitle || m.untitled, formatDate(hit.capturedAt)]
          .filter(Boolean)
          .join(' · ')}
        {hit.tags.length ? <span className="hit-tags"> · {hit.tags.join(', ')}</span> : null}
      </p>
      {hit.comment && hit.comment.text ? (
        <p className="hit-snippet hit-comment">
          <HighlightedText value={hit.comment} />
        </p>
      ) : null}
    </li>
  );
}
