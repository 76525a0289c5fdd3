/**
 * General clean-up around Readability: page furniture that Readability keeps (share bars,
 * "Read more" teasers, link lists, bylines and dates above the text, slideshow controls)
 * and captions it keeps as ordinary paragraphs. Rules look at markup conventions (class
 * and id words, roles, link density, position relative to the body text) and at short
 * stock phrases; none is specific to a site, and none reads the benchmark's answers.
 */
import { walkElements, lowerTag, textOf, isElement, type DDocument, type DElement, type DNode } from './dom.js';

export type RuleName = 'page-boilerplate' | 'captions' | 'title' | 'leading-meta' | 'stock-phrases' | 'link-blocks' | 'teaser-cards' | 'trailing';

export const RULES: readonly RuleName[] = ['page-boilerplate', 'captions', 'title', 'leading-meta', 'stock-phrases', 'link-blocks', 'teaser-cards', 'trailing'];

export interface RuleContext {
  title: string | null;
  /** Other names of the title (Readability's reading of <title>), also matched. */
  otherTitles?: string[];
  byline: string | null;
  authors: string[];
  siteName: string | null;
  /** The page's description (meta/Open Graph). A standfirst repeating it is kept all the same. */
  description: string | null;
  enabled(rule: RuleName): boolean;
}

// ---------------------------------------------------------------------------------------
// Text measures

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/gu;

/** Words, counting CJK/Thai characters at 1/2 a word each (they are written without spaces). */
export function wordCount(text: string): number {
  const cjk = text.match(CJK_RE)?.length ?? 0;
  if (cjk > text.length / 4) return Math.round(cjk / 2);
  return text.match(WORD_RE)?.length ?? 0;
}

function linkTextLength(el: DElement): number {
  let n = 0;
  const links = el.getElementsByTagName('a');
  for (let i = 0; i < links.length; i++) n += textOf(links[i]!).length;
  return n;
}

export function linkDensity(el: DElement): number {
  const len = textOf(el).length;
  return len ? Math.min(1, linkTextLength(el) / len) : 0;
}

/** A paragraph of running text: long enough and not mostly links. */
function isSubstantial(el: DElement): boolean {
  const tag = lowerTag(el);
  if (HEADING.test(tag) || tag === 'figcaption' || tag === 'caption') return false;
  // An HTML <header> holds the title, byline and standfirst, not the running text; a
  // caption's paragraphs describe a picture, however long they are.
  if (el.closest('header, figcaption')) return false;
  const text = textOf(el);
  const words = wordCount(text);
  if (linkDensity(el) >= 0.5) return false;
  return (words >= 18 && /[.!?。！？…:;"”»)]\s*$/.test(text)) || words >= 40;
}

// ---------------------------------------------------------------------------------------
// Block structure of the article tree

const BLOCKISH = new Set([
  'p',
  'div',
  'section',
  'article',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'table',
  'tr',
  'td',
  'th',
  'header',
  'footer',
  'aside',
  'main',
  'nav',
  'form',
  'details',
  'summary',
  'address',
  'center',
]);
const HEADING = /^h[1-6]$/;

/** Block elements that contain no other block element: the paragraphs as a reader sees them. */
export function leafBlocks(root: DElement): DElement[] {
  const all = [...walkElements(root)];
  // Children come after parents in document order, so a reverse pass sees every child first.
  const hasBlockInside = new Set<DElement>();
  for (let i = all.length - 1; i > 0; i--) {
    const el = all[i]!;
    const parent = el.parentElement;
    if (parent && (BLOCKISH.has(lowerTag(el)) || hasBlockInside.has(el))) hasBlockInside.add(parent);
  }
  return all.filter((el) => el !== root && BLOCKISH.has(lowerTag(el)) && !hasBlockInside.has(el) && textOf(el));
}

const hasImage = (el: DElement): boolean =>
  lowerTag(el) === 'img' || el.getElementsByTagName('img').length > 0 || el.getElementsByTagName('picture').length > 0;

/** Removes an element, then any ancestors left without text or images (up to the root). */
function removeBlock(el: DElement, root: DElement): void {
  let parent = el.parentElement;
  el.remove();
  while (parent && parent !== root && !textOf(parent) && !hasImage(parent)) {
    const next: DElement | null = parent.parentElement;
    parent.remove();
    parent = next;
  }
}

const classAndId = (el: DElement): string => `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;

// ---------------------------------------------------------------------------------------
// Before Readability: page furniture marked as such by its class, id or role

/** Class/id words of page furniture; matched as whole words (separated by space, - or _). */
const FURNITURE =
  /(?:^|[\s_-])(share|shares|sharing|sharebar|social|socials|newsletter|newsletters|subscribe|subscription|signup|related|recommended|recommendations|recirc|recirculation|more-stories|most-popular|mostpopular|popular|trending|promo|promos|advert|advertisement|adslot|ad-slot|ad-container|sponsored|outbrain|taboola|breadcrumb|breadcrumbs|author-bio|authorbio|bio|tags|tag-list|taglist|keywords|cookie|cookies|consent|paywall|cta|print|toolbar|comments|comment-list|commentlist|comment-respond|respond|wpdiscuz|disqus|sharedaddy|addtoany|shareaholic|relatedposts|yarpp|author-box|authorbox|about-author|post-navigation|nav-links|sidebar|pagination|slideshow-controls|gallery-controls)(?:$|[\s_-])/i;
const FURNITURE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar']);
const NEVER_REMOVE = new Set(['html', 'body', 'main', 'article']);

export function cleanPage(doc: DDocument, ctx: RuleContext): void {
  if (!ctx.enabled('page-boilerplate')) return;
  const body = doc.body;
  if (!body) return;
  // Guard: never remove an element holding a large share of the page's running text.
  const paragraphs = body.getElementsByTagName('p');
  let total = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    const len = textOf(paragraphs[i]!).length;
    if (len >= 80) total += len;
  }
  const carriesText = (el: DElement): boolean => {
    if (total === 0) return false;
    let mine = 0;
    const ps = el.getElementsByTagName('p');
    for (let i = 0; i < ps.length; i++) {
      const len = textOf(ps[i]!).length;
      if (len >= 80) mine += len;
    }
    return mine > 0.25 * total;
  };
  const doomed: DElement[] = [];
  for (const el of walkElements(body)) {
    if (NEVER_REMOVE.has(lowerTag(el))) continue;
    const role = (el.getAttribute('role') ?? '').toLowerCase();
    const furniture = FURNITURE_ROLES.has(role) || FURNITURE.test(classAndId(el)) || lowerTag(el) === 'nav';
    if (furniture && !carriesText(el)) doomed.push(el);
  }
  rescueBylines(doomed);
  for (const el of doomed) if (el.parentElement) el.remove();
}

// Readability's notion of a byline element (it takes the first one as the article's byline).
const BYLINE_CLASS = /byline|author|dateline|writtenby|p-author/i;
function isBylineElement(el: DElement): boolean {
  const rel = el.getAttribute('rel') ?? '';
  const itemprop = el.getAttribute('itemprop') ?? '';
  if (rel !== 'author' && !itemprop.includes('author') && !BYLINE_CLASS.test(classAndId(el))) return false;
  const len = textOf(el).length;
  return len > 0 && len < 100;
}

/**
 * Bylines may sit inside furniture we remove (a header with share buttons, say). Move them
 * out first, so Readability still finds the byline (and drops it from the text as usual);
 * ones it does not take are removed after it (RESCUED marks them).
 */
export const RESCUED = 'data-glossa-rescued';
function rescueBylines(doomed: DElement[]): void {
  for (const container of doomed) {
    if (!container.parentElement) continue;
    const outermost: DElement[] = [];
    for (const el of walkElements(container)) {
      if (el !== container && isBylineElement(el) && !outermost.some((o) => o.contains(el))) outermost.push(el);
    }
    for (const el of outermost) {
      el.setAttribute(RESCUED, '');
      container.parentElement.insertBefore(el, container);
    }
  }
}

// ---------------------------------------------------------------------------------------
// After Readability: inside the article

const CAPTION_CLASS = /caption|credit|copyright|photographer|image-source|img-source|photo-source|media-source/i;
// A trailing credit in brackets: "… (AP Photo/Alan Diaz, File)", "… (Image: GETTY)".
const CREDIT_TAIL = /\((?:[^()]*\b(?:photo|photos|image|images|picture|credit|foto|bild|getty|reuters|afp|epa|shutterstock)\b[^()]*)\)\s*$/i;
// "(Image: GETTY)", "Photo: AP", "Credit: EPA", "Image copyright Reuters", "Photograph by X/AFP":
// a caption when it sits next to an image.
const CAPTION_TEXT =
  /(?:^|[\s(|])(?:image|images|photo|photos|picture|pictures|photograph|foto|fotos|bild|credit|credits|source|quelle|copyright)\s*(?:©|:|by\b|copyright\b)|©|\b(?:getty images|afp|reuters|shutterstock|istock|associated press)\s*\)?\s*$/i;

function renameTo(el: DElement, tag: string): DElement {
  const doc = el.ownerDocument;
  const repl = doc.createElement(tag);
  // Direction and language stay with the text (see direction.ts).
  for (const name of ['dir', 'lang', 'data-glossa-dir', 'data-glossa-lang']) {
    const v = el.getAttribute(name);
    if (v !== null) repl.setAttribute(name, v);
  }
  while (el.firstChild) repl.appendChild(el.firstChild);
  el.replaceWith(repl);
  return repl;
}

/** Is there an image right before this block (previous sibling or within the parent)? */
function nearImage(el: DElement, root: DElement): boolean {
  let node: DElement | null = el;
  for (let depth = 0; node && node !== root && depth < 3; depth++) {
    const prev = node.previousElementSibling;
    if (prev && hasImage(prev)) return true;
    const next = node.nextElementSibling;
    if (next && hasImage(next) && !textOf(next)) return true;
    node = node.parentElement;
  }
  return false;
}

/**
 * Text in a <figure> beside its picture is the figure's caption, whatever the markup
 * (Readability turns a captioned <div> into a <p> and drops its class on the way).
 */
function inFigure(el: DElement, root: DElement): boolean {
  const figure = el.closest('figure');
  if (!figure || !root.contains(figure) || !hasImage(figure)) return false;
  for (const child of Array.from(el.children)) if (BLOCKISH.has(lowerTag(child))) return false;
  return true;
}

function markCaptions(root: DElement): void {
  for (const el of [...walkElements(root)]) {
    if (el === root || !el.parentElement) continue;
    const tag = lowerTag(el);
    if (tag === 'figcaption' || tag === 'caption') continue;
    if (!BLOCKISH.has(tag) && tag !== 'span') continue;
    const text = textOf(el);
    if (!text || text.length > 400) continue;
    if (el.closest('figcaption')) continue;
    const byClass = CAPTION_CLASS.test(classAndId(el)) || inFigure(el, root);
    const byText = wordCount(text) <= 60 && ((CAPTION_TEXT.test(text) && nearImage(el, root)) || CREDIT_TAIL.test(text));
    if (!byClass && !byText) continue;
    if (el.getElementsByTagName('p').length > 1) continue;
    // An inline caption must be the whole of its block, or it would split a paragraph.
    if (tag === 'span' && el.parentElement && lowerTag(el.parentElement) !== 'figure' && textOf(el.parentElement) !== text) continue;
    renameTo(el, 'figcaption');
  }
}

// A credit inside a caption: "Credit", "Photo: …", marked by class, id or microdata.
const CREDIT_MARK = /credit|copyright|photographer|byline|image-source|img-source|photo-source|media-source|(?:^|[\s_-])source(?:$|[\s_-])/i;
const CREDIT_ITEMPROP = /copyrightHolder|creator|author|creditText|copyrightNotice/i;

const isCreditElement = (el: DElement): boolean => CREDIT_MARK.test(classAndId(el)) || CREDIT_ITEMPROP.test(el.getAttribute('itemprop') ?? '');

/** Elements with text and no element children, in document order. */
function textLeaves(el: DElement): DElement[] {
  return [...walkElements(el)].filter((e) => e.children.length === 0 && textOf(e));
}

/**
 * Inline pieces set side by side without a space ("Credit" + "Chang W. Lee") read as one
 * word once styles are gone: a repeated label is dropped (a visually hidden copy for screen
 * readers) and a space goes between pieces that would run together.
 */
function tidyCredit(credit: DElement): void {
  let previous: DElement | null = null;
  for (const leaf of textLeaves(credit)) {
    if (previous && textOf(previous) === textOf(leaf)) {
      leaf.remove();
      continue;
    }
    const before = previous ? (previous.textContent ?? '') : '';
    const text = leaf.textContent ?? '';
    if (previous && /[\p{L}\p{N}.,:;)]$/u.test(before) && /^[\p{L}\p{N}(©]/u.test(text) && !hasSpaceBetween(previous, leaf)) {
      leaf.insertBefore(leaf.ownerDocument.createTextNode(' '), leaf.firstChild);
    }
    previous = leaf;
  }
}

/** Whether text between two elements (in document order) holds white space. */
function hasSpaceBetween(a: DElement, b: DElement): boolean {
  for (let n: DElement | null = a; n; n = n.parentElement) {
    let sib = n.nextSibling;
    while (sib) {
      if (sib === b || (isElement(sib) && sib.contains(b))) return false;
      if (/\s/.test(sib.textContent ?? '')) return true;
      sib = sib.nextSibling;
    }
  }
  return false;
}

/**
 * A caption and its credit become two caption blocks ("… underground." / "Credit Chang W.
 * Lee"), not one run of text; the same caption line twice in a row is kept once.
 */
function splitCredits(root: DElement): void {
  for (const cap of Array.from(root.getElementsByTagName('figcaption'))) {
    const credits = [...walkElements(cap)].filter((el) => el !== cap && isCreditElement(el) && textOf(el));
    const outermost = credits.filter((el) => !credits.some((o) => o !== el && o.contains(el)));
    let split = false;
    for (const credit of outermost) {
      tidyCredit(credit);
      if (textOf(credit) === textOf(cap) || BLOCKISH.has(lowerTag(credit))) continue;
      const p = cap.ownerDocument.createElement('p');
      credit.replaceWith(p);
      p.appendChild(credit);
      split = true;
    }
    // The caption's own words become a block of their own beside the credit.
    if (split) wrapInlineRuns(cap);
  }
  // Captions repeated within one run of captions (a credit printed twice, a caption in two layouts).
  const seen = new Set<string>();
  for (const b of leafBlocks(root)) {
    const inCaption = lowerTag(b) === 'figcaption' || b.closest('figcaption') !== null;
    const text = textOf(b);
    if (!inCaption) seen.clear();
    else if (seen.has(text) && b.parentElement) removeBlock(b, root);
    else seen.add(text);
  }
}

const normalise = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function similarTitle(text: string, title: string | null): boolean {
  if (!title) return false;
  const a = normalise(text);
  const b = normalise(title);
  if (!a || !b) return false;
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.includes(short) && short.length >= 0.6 * long.length;
}

const MONTHS =
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|jun(e)?|jul(y)?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre)\b/i;
const DATE_WORD =
  /^\W*(first )?(published|updated|posted|modified|last updated|veröffentlicht|aktualisiert|publié|mis à jour|publicado|atualizado|pubblicato|aggiornato)\b/i;
const DATE_LIKE =
  /\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}:\d{2}\b|\b(published|updated|posted|modified|last updated|veröffentlicht|aktualisiert|publié|mis à jour|publicado|atualizado|pubblicato|aggiornato)\b|\b\d{1,2}\.? (gen|feb|mar|apr|mag|giu|lug|ago|set|ott|nov|dic|ene|abr|may|jun|jul|sep|oct|dez|fev|out|mär|okt|janv|févr|avr|juil|déc)[a-zé]*\.? \d{2,4}\b/i;
const BYLINE_START = /^(by|von|par|por|di|door|av|af|from)\s+\S/i;
const BYLINE_START_WORD = /^\s*(by|von|par|por|di|door|av|af)\s+/i;
const BIO_VERB = /^\s*(\([^)]{0,80}\)\s*)?,?\s*(is|was|has|covers|writes|joined|reports|lives)\b/i;
// "Jane Doe (jane@example.com) is …": a name with its e-mail address, then what the person does.
const BIO_WITH_EMAIL = /^\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){1,3} \([^()\s]+@[^()\s]+\.[^()\s]+\),? (is|was|has|covers|writes|joined|reports|lives)\b/u;

// Press-release boilerplate closing the article: "Acme (NYSE: ACME) is a global provider of …",
// "Acme is headquartered in …": an organisation named at the start, describing itself.
const ORG_SELF_DESCRIPTION =
  /^(?!(?:The|This|That|These|Those|It|Its|He|She|They|We|You|I|There|Here|His|Her|Our|Their|What|Which|Who|One|Each|All|Both|Such)\b)(\p{Lu}[\p{L}\p{N}&.'’-]*(?:\s+\p{Lu}[\p{L}\p{N}&.'’-]*){0,3})(?:\s*\([^()]{1,40}\))?,?\s+(?:is|are)\s+(?:a|an|the|one of|headquartered|based)\b/u;
const ORG_NOUN = /\b(provider|manufacturer|supplier|headquartered|employs|subsidiary|corporation)\b/i;

/**
 * The closing run of "about the company" paragraphs: each names, at its start, an
 * organisation the article already mentions and describes it as a company does itself.
 */
function removeOrgBoilerplate(root: DElement): void {
  const blocks = leafBlocks(root);
  const bodyText = (upTo: number): string => blocks.slice(0, upTo).map(textOf).join(' ');
  for (let i = blocks.length - 1; i >= Math.max(1, blocks.length - 4); i--) {
    const b = blocks[i]!;
    const text = textOf(b);
    const m = ORG_SELF_DESCRIPTION.exec(text);
    if (!m || wordCount(text) > 120 || !ORG_NOUN.test(text) || !bodyText(i).includes(m[1]!)) break;
    if (b.parentElement) removeBlock(b, root);
  }
}

function looksLikeMeta(el: DElement, ctx: RuleContext): boolean {
  const text = textOf(el);
  const words = wordCount(text);
  if (words > 25) return false;
  if (/^(https?:\/\/|www\.)\S+$/.test(text)) return true;
  // Dates: short lines, or lines that say what the date is ("Published …", "Updated …").
  const dateish = (MONTHS.test(text) && /\d/.test(text)) || DATE_LIKE.test(text);
  if (dateish && (words <= 12 || DATE_WORD.test(text))) return true;
  // Labels above the text: numbers (view counts), one to three words (kicker, "Opinion").
  if (!/\p{L}/u.test(text)) return true;
  if (words <= 3 && !HEADING.test(lowerTag(el)) && !el.closest('li, table')) return true;
  if (BYLINE_START.test(text) && words <= 12) return true;
  if (/^(by|von|par|por|di)$/i.test(text)) return true;
  const n = normalise(text);
  if (ctx.byline && n === normalise(ctx.byline)) return true;
  if (ctx.authors.some((a) => normalise(a) === n)) return true;
  if (ctx.siteName && n === normalise(ctx.siteName)) return true;
  if (/byline|author|dateline|timestamp|date|time|meta/i.test(classAndId(el))) return true;
  return false;
}

/**
 * Above the running text: section labels and taglines set as short headings ("BREAKING
 * NEWS"). A standfirst (dek, subheading) is the article's own summary and stays, even when
 * it repeats the page description: it is often the central claim.
 */
function isLeadingFurniture(el: DElement): boolean {
  return HEADING.test(lowerTag(el)) && wordCount(textOf(el)) <= 4;
}

// Short lines that are page furniture in any article (matched on the whole block).
const STOCK_PHRASES: RegExp[] = [
  /^(advertisement|advertisements|advert|ad|ads|sponsored( content)?|anzeige|werbung|publicité|publicidad|pubblicità|publicidade|anúncio|iklan|reklame|reklama|advertentie|annonce|mainos|реклама|광고|広告|广告)$/i,
  /^(sign in|log in|login|register|sign up|my account|subscriber services)$/i,
  /^(recent (articles|posts|stories|news)|popular (this week|today|now)|latest (articles|posts))$/i,
  /^(continue reading( below)?|read more|see more|show more|load more|more stories|more news|view comments|comments?|\d+ comments?|post comment.*|leave a (reply|comment)|add comment)$/i,
  /^(share|share this( article| story| post)?|share on \w+|tweet|email|print|whatsapp|facebook|twitter|pinterest|linkedin|reddit)([\s,|/]+(share|tweet|email|print|whatsapp|facebook|twitter|pin|pinterest|linkedin|reddit|copy link|flipboard|messenger|sms))*$/i,
  /^(skip to (main )?content|this slideshow requires javascript\.?|media playback is unsupported on your device|loading( content)?[.…]*|close|caption|text size|image \d+ of \/? ?\d+)$/i,
  /^(you may also like|you might also like|recommended( for you)?|related( articles| stories| content| posts| coverage)?|most (popular|read|viewed)|trending( now)?|don'?t miss|top stories|latest( news| stories)?|more from .{1,40}|up next|what to read next|editor'?s picks?)$/i,
  /^(sign up|subscribe|subscribe now|newsletter|get (our|the) newsletter|follow us.*|click here.*|learn more)$/i,
  /^(sign up|subscribe)( now)? (for|to) (our|the|my) (free )?((daily|weekly|morning|evening) )?(email )?newsletters?$/i,
  /^(want|like|enjoy(ed)?) (more|this) (stories|articles|news|content)( like this)?\??$/i,
  // The same furniture in other languages (blog and CMS templates: share, like, loading, related, comments).
  /^(like this|curtir isso|compartilhe( isso)?|compartilhar|compartir|comparte( esto)?|teilen|partager|partagez|condividi|delen|carregando[.…]*|cargando[.…]*|chargement[.…]*|caricamento[.…]*|wird geladen[.…]*)$/i,
  /^((posts?|notícias|noticias|artigos|artículos|matérias|entradas) relacionad[oa]s|relacionad[oa]s?|artículos relacionados|ähnliche (artikel|beiträge)|verwandte artikel|articles (similaires|liés|connexes)|sur le même sujet|articoli correlati|(veja|leia|saiba) (também|mais)|mais (lidas|lidos)|(lo )?más leíd[oa]s?|meistgelesen|les plus lus|i più letti|você (também )?pode gostar( de)?|te puede interesar|vous aimerez aussi)$/i,
  /^(\d+ )?(comentários|comentarios|kommentare|commentaires|commenti)$|^(deixe (um|seu) comentário|deja (un|tu) comentario|laisser un commentaire|lascia un commento|kommentar (schreiben|verfassen))$/i,
];
// Teasers that start a line: "READ MORE: headline", "Related: headline", "SEE ALSO - ...".
const TEASER =
  /^(read more|read also|also read|see more|see also|related|more|watch|listen|don'?t miss|also|recommended|lesen sie auch|siehe auch|mehr zum thema|lire aussi|à lire aussi|voir aussi|leia também|leia mais|veja também|veja mais|saiba mais|leggi anche|vedi anche|lee también|lea también|lee más)\s*[:\-–—|]\s*\S/i;
// Taxonomy, credits and rights lines: "Filed under: …", "(Reporting by …; editing by …)",
// "X contributed to this report.", "Copyright © …". Short lines only.
const END_MATTER = [
  /^(filed under|tags?|tagged( with)?|categories|category|topics?|posted in|themen|schlagwörter|etiquetas|tópicos|argomenti)\s*[:\-–]/i,
  /^\(?\s*(additional )?(reporting|writing|editing|compiled|translated) by\b/i,
  /\bcontributed (reporting|to this (report|article|story))\b/i,
  /^(copyright|©|ⓒ|\(c\))\s|\ball rights reserved\b/i,
  /^follow .{0,60}(coverage|on twitter|on facebook|on instagram)/i,
  // Contact lines: an e-mail address, a social profile, a handle.
  /^(mailto:)?[\w.+-]+@[\w-]+(\.[\w-]+)+$/i,
  /^(https?:\/\/)?(www\.)?(twitter|x|facebook|instagram|linkedin|threads)\.(com|net)\/[\w./-]+$/i,
  /^@\w{2,}$/,
];
function isEndMatter(el: DElement): boolean {
  const text = textOf(el);
  const words = wordCount(text);
  if (words > 30) return false;
  if (END_MATTER.some((re) => re.test(text))) return true;
  // "First published: Tuesday, November 19, 2019 08:38 AM", wherever it sits.
  return words <= 15 && DATE_WORD.test(text) && ((MONTHS.test(text) && /\d/.test(text)) || DATE_LIKE.test(text));
}

// Calls to subscribe, addressed to the reader: an offer of the publication itself
// (newsletter, inbox, issues by post) in a short paragraph, in a few languages.
const PROMO_SENTENCES: RegExp[] = [
  /\b(sign(ing)? up|subscribe|subscribing|register|join)\b.{0,80}\b(newsletters?|inbox|e-?mail (list|updates|alerts)|mailing list)\b/i,
  /\bnewsletters?\b.{0,60}\b(sign up|subscribe|delivered|inbox)\b/i,
  /\b(delivered|sent|straight|direct(ly)?)\b.{0,30}\b(to|through|into|in) your (inbox|letterbox|mailbox|door|doorstep|email)\b/i,
  /\b\d+ issues for [£$€]|\bsubscribe (now|today)\b/i,
];
const ADDRESSED_TO_READER = /^(sign up|subscribe|get|join|register|click|don'?t miss)\b|\b(you|your|our)\b/i;
// The same offers in other languages, where the verb is the imperative: "Abonnez-vous à notre newsletter".
const PROMO_OTHER_LANGUAGES =
  /\b(newsletter|boletín|boletim)\b.{0,60}\b(abonnieren|anmelden|inscrivez|abonnez|suscríbete|suscribete|regístrate|assine|inscreva|cadastre|iscriviti)|\b(abonnieren|inscrivez-vous|abonnez-vous|suscríbete|suscribete|regístrate|assine|inscreva-se|cadastre-se|iscriviti)\b.{0,60}\b(newsletter|boletín|boletim|lettre d'information)/i;
// Notes on the comment section: "Comments are closed", "we are moderating all comments".
const COMMENT_NOTE =
  /\bcomments (are|have been) (now )?(closed|moderated|disabled)\b|\b(moderat\w*|review\w*) (all |every )?comments\b|\bcomments? (policy|guidelines)\b/i;

function isPromoSentence(el: DElement): boolean {
  const text = textOf(el);
  if (wordCount(text) > 45) return false;
  if (PROMO_OTHER_LANGUAGES.test(text) || COMMENT_NOTE.test(text)) return true;
  return ADDRESSED_TO_READER.test(text) && PROMO_SENTENCES.some((re) => re.test(text));
}

function isStockPhrase(el: DElement): boolean {
  const text = textOf(el).replace(/[\s:.!|»›>→]+$/, '');
  if (!text || wordCount(text) > 14) return false;
  return STOCK_PHRASES.some((re) => re.test(text));
}

function isTeaser(el: DElement): boolean {
  const text = textOf(el);
  return wordCount(text) <= 30 && TEASER.test(text) && linkDensity(el) > 0.3;
}

/** Lists and paragraphs that are (almost) all links: navigation, "more stories", tag clouds. */
function isLinkBlock(el: DElement): boolean {
  const tag = lowerTag(el);
  const text = textOf(el);
  if (!text) return false;
  if (tag === 'ul' || tag === 'ol') {
    const items = [...Array.from(el.children)].filter((c) => lowerTag(c) === 'li' && textOf(c));
    if (items.length < 2) return false;
    const linky = items.filter((li) => linkDensity(li) > 0.8).length;
    return linky / items.length >= 0.8;
  }
  if (tag === 'li') return false;
  return linkDensity(el) > 0.8 && wordCount(text) <= 40;
}

/**
 * A story card: an <article> inside the article (HTML's "self-contained composition", so
 * another story) whose heading is a link and which holds little text besides: the
 * "more stories" teasers a page sets around or after its own story.
 */
function isTeaserCard(article: DElement): boolean {
  if (wordCount(textOf(article)) > 80) return false;
  return Array.from(article.querySelectorAll('h1, h2, h3, h4, h5, h6')).some((h) => textOf(h) && linkDensity(h) > 0.8);
}

/**
 * Text that sits directly in a container next to block children ("Updated 5:27 am" beside
 * a figure) is wrapped in its own <p>, so every run of text belongs to a leaf block that
 * rules can judge and remove. The canonical text does not change: block boundaries stay.
 */
function wrapInlineRuns(root: DElement): void {
  const containers = [...walkElements(root)].filter((el) => BLOCKISH.has(lowerTag(el)) || el === root);
  for (const el of containers) {
    const kids = Array.from(el.childNodes);
    if (!kids.some((k) => isElement(k) && BLOCKISH.has(lowerTag(k)))) continue;
    let run: DNode[] = [];
    const flush = (before: DNode | null): void => {
      if (run.some((n) => (n.textContent ?? '').trim())) {
        const p = el.ownerDocument.createElement('p');
        el.insertBefore(p, before);
        for (const n of run) p.appendChild(n);
      }
      run = [];
    };
    for (const k of kids) {
      if (isElement(k) && BLOCKISH.has(lowerTag(k))) flush(k);
      else if (isElement(k) || k.nodeType === 3) run.push(k);
    }
    flush(null);
  }
}

/**
 * Marks the <article>s headed by the page title, before Readability (which drops a heading
 * that repeats the title): keepOneStory tells the page's own story by this mark.
 */
const TITLED = 'data-glossa-titled';
export function markTitledStories(doc: DDocument, ctx: Pick<RuleContext, 'title'>): void {
  const titles = [ctx.title, doc.title || null];
  for (const a of Array.from(doc.getElementsByTagName('article'))) {
    const headings = Array.from(a.querySelectorAll('h1, h2, h3'));
    if (headings.some((h) => titles.some((t) => similarTitle(textOf(h), t)))) a.setAttribute(TITLED, '');
  }
}

/**
 * Two stories in one: pages that load the next story below (infinite scroll) set each in its
 * own <article>, and Readability may take the container of both. With two or three outermost
 * <article>s of running text, the story is the one headed by the page title, else the first.
 */
function keepOneStory(root: DElement): void {
  const stories = Array.from(root.getElementsByTagName('article')).filter((a) => !a.parentElement?.closest('article') && leafBlocks(a).some(isSubstantial));
  // Many entries are a live blog's or a digest's posts, all of them the page's own.
  if (stories.length < 2 || stories.length > 3) return;
  const keep = stories.find((a) => a.hasAttribute(TITLED)) ?? stories[0]!;
  for (const a of stories) if (a !== keep && a.parentElement) removeBlock(a, root);
}

export function cleanArticle(root: DElement, ctx: RuleContext): void {
  wrapInlineRuns(root);
  for (const el of Array.from(root.querySelectorAll(`[${RESCUED}]`))) if (el.parentElement) el.remove();
  if (ctx.enabled('teaser-cards')) keepOneStory(root);
  for (const el of Array.from(root.querySelectorAll(`[${TITLED}]`))) el.removeAttribute(TITLED);
  if (ctx.enabled('captions')) {
    markCaptions(root);
    splitCredits(root);
  }

  if (ctx.enabled('link-blocks')) {
    for (const el of [...walkElements(root)]) {
      if (el === root || !el.parentElement) continue;
      const tag = lowerTag(el);
      if ((tag === 'ul' || tag === 'ol') && isLinkBlock(el)) removeBlock(el, root);
    }
    for (const el of leafBlocks(root)) {
      if (!el.parentElement || el.closest('li')) continue;
      if (lowerTag(el) === 'figcaption' || HEADING.test(lowerTag(el))) continue;
      if (isLinkBlock(el)) removeBlock(el, root);
    }
  }

  if (ctx.enabled('teaser-cards')) {
    for (const el of Array.from(root.getElementsByTagName('article'))) if (el.parentElement && isTeaserCard(el)) removeBlock(el, root);
  }

  if (ctx.enabled('stock-phrases')) {
    for (const el of leafBlocks(root)) {
      if (el.parentElement && (isStockPhrase(el) || isTeaser(el) || isEndMatter(el) || isPromoSentence(el))) removeBlock(el, root);
    }
  }

  const blocks = leafBlocks(root);
  const firstBody = blocks.findIndex(isSubstantial);

  if (ctx.enabled('title')) {
    const limit = firstBody === -1 ? Math.min(blocks.length, 5) : firstBody;
    for (let i = 0; i < limit; i++) {
      const b = blocks[i]!;
      if (b.parentElement && lowerTag(b) !== 'figcaption' && [ctx.title, ...(ctx.otherTitles ?? [])].some((t) => similarTitle(textOf(b), t))) {
        removeBlock(b, root);
        break;
      }
    }
  }

  if (ctx.enabled('leading-meta') && firstBody > 0) {
    for (let i = 0; i < firstBody; i++) {
      const b = blocks[i]!;
      if (!b.parentElement || lowerTag(b) === 'figcaption') continue;
      if (looksLikeMeta(b, ctx) || isLeadingFurniture(b)) removeBlock(b, root);
    }
  }

  if (ctx.enabled('trailing')) {
    // The author's bio closing the article: "Jane Doe (jane@x.com) is a reporter who covers …".
    const names = [...ctx.authors, ...(ctx.byline ? [ctx.byline.replace(BYLINE_START_WORD, '')] : [])].map((n) => n.trim()).filter((n) => n.length > 3);
    const tail = leafBlocks(root).slice(-3);
    for (const b of tail) {
      const text = textOf(b);
      if (wordCount(text) > 80 || !b.parentElement) continue;
      const name = names.find((n) => text.startsWith(n));
      if ((name && BIO_VERB.test(text.slice(name.length))) || BIO_WITH_EMAIL.test(text)) removeBlock(b, root);
    }
    removeOrgBoilerplate(root);

    // Headings with no running text after them are section titles of removed furniture.
    const after = leafBlocks(root);
    for (let i = after.length - 1; i >= 0; i--) {
      const b = after[i]!;
      if (isSubstantial(b)) break;
      if (HEADING.test(lowerTag(b)) && b.parentElement) removeBlock(b, root);
    }
  }
}
