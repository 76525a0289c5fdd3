/**
 * Page metadata from what publishers put in the page for machines: JSON-LD (schema.org
 * Article types, also inside @graph and arrays), Open Graph, Twitter cards, Dublin Core,
 * common <meta> names, <html lang>, <link rel=canonical> and <time>. Each field takes the
 * first source that has it, in the order below (structured data before loose meta tags).
 */
import type { DDocument, DElement } from './dom.js';

export interface PageMetadata {
  /** From structured data or title meta tags (not the <title> element: see documentTitle). */
  title: string | null;
  /** The <title> element, as is. */
  documentTitle: string | null;
  byline: string | null;
  authors: string[];
  siteName: string | null;
  lang: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  canonicalUrl: string | null;
  description: string | null;
}

const ARTICLE_TYPES =
  /^(Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference|Review)$/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);

const clean = (s: string | null | undefined): string | null => {
  if (typeof s !== 'string') return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t ? t : null;
};

function typesOf(o: JsonObject): string[] {
  const t = o['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^https?:\/\/schema\.org\//, ''));
}

/** Every object in a JSON-LD value, depth-first (arrays, @graph, nested values). */
function collectObjects(v: Json, out: JsonObject[], depth = 0): void {
  if (depth > 8) return;
  if (Array.isArray(v)) {
    for (const x of v) collectObjects(x, out, depth + 1);
  } else if (isObject(v)) {
    out.push(v);
    const graph = v['@graph'];
    if (graph) collectObjects(graph, out, depth + 1);
    const main = v['mainEntity'];
    if (main) collectObjects(main, out, depth + 1);
  }
}

function parseJsonLd(text: string): Json | undefined {
  // Publishers wrap JSON-LD in CDATA or HTML comments, and leave raw control characters in strings.
  const body = text
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
    .trim();
  if (!body) return undefined;
  try {
    return JSON.parse(body) as Json;
  } catch {
    try {
      return JSON.parse(body.replace(/[\u0000-\u001f]+/g, ' ')) as Json;
    } catch {
      return undefined;
    }
  }
}

function nameOf(v: Json | undefined): string[] {
  if (v == null) return [];
  if (typeof v === 'string') return clean(v) && !/^https?:\/\//.test(v) ? [clean(v)!] : [];
  if (Array.isArray(v)) return v.flatMap(nameOf);
  if (isObject(v)) {
    const n = v['name'];
    if (typeof n === 'string') return clean(n) ? [clean(n)!] : [];
    if (Array.isArray(n)) return n.flatMap(nameOf);
    const given = typeof v['givenName'] === 'string' ? v['givenName'] : '';
    const family = typeof v['familyName'] === 'string' ? v['familyName'] : '';
    const full = clean(`${given} ${family}`);
    return full ? [full] : [];
  }
  return [];
}

const str = (v: Json | undefined): string | null => {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) {
    for (const x of v) {
      const s = str(x);
      if (s) return s;
    }
  }
  if (isObject(v)) return str(v['@id'] ?? v['url'] ?? v['name'] ?? null);
  return null;
};

interface JsonLdInfo {
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  siteName: string | null;
  description: string | null;
  lang: string | null;
  url: string | null;
}

export function jsonLdInfo(doc: DDocument): JsonLdInfo {
  const objects: JsonObject[] = [];
  const scripts = doc.getElementsByTagName('script');
  for (let i = 0; i < scripts.length; i++) {
    const type = (scripts[i]!.getAttribute('type') ?? '').trim().toLowerCase();
    if (type !== 'application/ld+json') continue;
    const parsed = parseJsonLd(scripts[i]!.textContent ?? '');
    if (parsed !== undefined) collectObjects(parsed, objects);
  }
  const article = objects.find((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t)));
  const website = objects.find((o) => typesOf(o).includes('WebSite'));
  const info: JsonLdInfo = {
    title: null,
    authors: [],
    publishedAt: null,
    modifiedAt: null,
    siteName: null,
    description: null,
    lang: null,
    url: null,
  };
  if (article) {
    info.title = pickTitle(str(article['name']), str(article['headline']), clean(doc.title));
    info.authors = dedupe(nameOf(article['author'] ?? article['creator'] ?? null));
    info.publishedAt = str(article['datePublished']) ?? str(article['dateCreated']);
    info.modifiedAt = str(article['dateModified']);
    info.siteName = nameOf(article['publisher'] ?? null)[0] ?? null;
    info.description = str(article['description']);
    info.lang = str(article['inLanguage']);
    info.url = str(article['url']) ?? str(article['mainEntityOfPage']);
  }
  if (!info.siteName && website) info.siteName = nameOf(website)[0] ?? null;
  return info;
}

const words = (s: string): Set<string> => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (!wa.size || !wb.size) return 0;
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return common / Math.max(wa.size, wb.size);
}

/**
 * JSON-LD "name" and "headline" should agree; when they do not (some sites put the site's
 * name in one, or a tagline in the other), take the one closer to the <title>, else name.
 */
function pickTitle(name: string | null, headline: string | null, documentTitle: string | null): string | null {
  if (!name || !headline || name === headline) return headline ?? name;
  if (documentTitle) {
    const n = similarity(name, documentTitle);
    const h = similarity(headline, documentTitle);
    if (h > n && h >= 0.5) return headline;
    if (n >= h && n >= 0.5) return name;
  }
  return name;
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    const key = n.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(n);
    }
  }
  return out;
}

/** Values of <meta> tags by lower-cased name/property (a tag may list several, space-separated). */
function metaMap(doc: DDocument): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const metas = doc.querySelectorAll('meta');
  for (let i = 0; i < metas.length; i++) {
    const m = metas[i]!;
    const content = clean(m.getAttribute('content'));
    if (!content) continue;
    const keys = `${m.getAttribute('name') ?? ''} ${m.getAttribute('property') ?? ''} ${m.getAttribute('itemprop') ?? ''} ${m.getAttribute('http-equiv') ?? ''}`;
    for (const key of keys.toLowerCase().split(/\s+/)) {
      if (!key) continue;
      const list = map.get(key) ?? [];
      list.push(content);
      map.set(key, list);
    }
  }
  return map;
}

const first = (map: Map<string, string[]>, ...keys: string[]): string | null => {
  for (const k of keys) {
    const v = map.get(k);
    if (v?.length) return v[0]!;
  }
  return null;
};

/** "en_US" (Open Graph) → "en-US". */
const bcp47 = (s: string | null): string | null => (s ? s.replace(/_/g, '-') : null);

function attr(el: DElement | null, name: string): string | null {
  return el ? clean(el.getAttribute(name)) : null;
}

export function extractMetadata(doc: DDocument): PageMetadata {
  const meta = metaMap(doc);
  const ld = jsonLdInfo(doc);

  // Same order of preference as Readability's own metadata reading.
  const metaAuthors = [
    ...(meta.get('dc:creator') ?? []),
    ...(meta.get('dc.creator') ?? []),
    ...(meta.get('dcterm:creator') ?? []),
    ...(meta.get('dcterms.creator') ?? []),
    ...(meta.get('author') ?? []),
    ...(meta.get('parsely-author') ?? []),
    ...(meta.get('sailthru.author') ?? []),
    ...(meta.get('article:author') ?? []),
    ...(meta.get('twitter:creator') ?? []),
  ].filter((a) => !/^(https?:\/\/|@)/.test(a));
  const byl = first(meta, 'byl');
  const authors = ld.authors.length ? ld.authors : dedupe(metaAuthors.flatMap(splitAuthors));

  const timeEl = doc.querySelector('article time[datetime], time[pubdate], time[itemprop="datePublished"], time[datetime]');
  const canonical = findCanonical(doc);

  return {
    title:
      ld.title ??
      first(
        meta,
        'dc:title',
        'dc.title',
        'dcterm:title',
        'dcterms.title',
        'og:title',
        'weibo:article:title',
        'weibo:webpage:title',
        'title',
        'twitter:title',
        'parsely-title',
        'sailthru.title',
      ),
    documentTitle: clean(doc.title),
    byline: authors.length ? authors.join(', ') : clean(byl),
    authors: authors.length ? authors : byl ? splitAuthors(byl) : [],
    siteName: first(meta, 'og:site_name') ?? ld.siteName ?? first(meta, 'application-name', 'twitter:site:name'),
    lang:
      attr(doc.documentElement, 'lang') ??
      attr(doc.documentElement, 'xml:lang') ??
      ld.lang ??
      first(meta, 'content-language', 'dc.language', 'language') ??
      bcp47(first(meta, 'og:locale')),
    publishedAt:
      ld.publishedAt ??
      first(
        meta,
        'article:published_time',
        'og:published_time',
        'published_time',
        'datepublished',
        'parsely-pub-date',
        'sailthru.date',
        'dc.date.issued',
        'dcterms.created',
        'dc.date',
        'dcterms.date',
        'date',
        'pubdate',
        'publishdate',
        'publish-date',
      ) ??
      attr(timeEl, 'datetime'),
    modifiedAt: ld.modifiedAt ?? first(meta, 'article:modified_time', 'og:updated_time', 'datemodified', 'dcterms.modified', 'last-modified'),
    canonicalUrl: attr(canonical, 'href') ?? first(meta, 'og:url') ?? ld.url,
    description: first(meta, 'description', 'og:description', 'twitter:description', 'dc.description') ?? ld.description,
  };
}

function findCanonical(doc: DDocument): DElement | null {
  const links = doc.getElementsByTagName('link');
  for (let i = 0; i < links.length; i++) {
    const rel = (links[i]!.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('canonical') && links[i]!.getAttribute('href')) return links[i]!;
  }
  return null;
}

/** "By Jane Doe and John Roe" / "Jane Doe, John Roe" → names. */
export function splitAuthors(s: string): string[] {
  const stripped = s.replace(/^\s*(by|von|par|por|di|door|av|af)\s+/i, '').trim();
  if (!stripped) return [];
  return dedupe(
    stripped
      .split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*/i)
      .map((x) => x.trim())
      .filter((x) => x.length > 1 && x.length < 80),
  );
}
