/**
 * The small XML toolkit REFI-QDA needs: a writer that escapes everything XML 1.0 can and
 * replaces what it cannot carry, and a strict, non-validating reader (saxes) that refuses
 * any DOCTYPE. REFI files never declare one; a DTD is how "billion laughs" entity expansion
 * and external entities (XXE, reading local files) get in, so none is ever processed.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { GlossaError, type GlossaErrorCode } from '../model/errors.js';

// ---- writing ---------------------------------------------------------------------------

export type AttrValue = string | number | boolean | null | undefined;

export interface XmlNode {
  name: string;
  attrs?: Record<string, AttrValue>;
  /** Text content; an element has text or children, never both (REFI needs no mixed content). */
  text?: string;
  children?: (XmlNode | null | undefined | false)[];
}

/** Characters XML 1.0 cannot hold (controls, U+FFFE/U+FFFF, lone surrogates) become U+FFFD. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const xmlSafe = (s: string): string => s.replace(NOT_XML, '\uFFFD');

// A literal CR would be normalised away on reading; tabs and newlines in attributes too.
const escapeText = (s: string) => xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
const escapeAttr = (s: string) =>
  xmlSafe(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');

function render(node: XmlNode, indent: string, out: string[]): void {
  const attrs = Object.entries(node.attrs ?? {})
    .filter((e): e is [string, string | number | boolean] => e[1] !== null && e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
  const kids = (node.children ?? []).filter((c): c is XmlNode => Boolean(c));
  if (node.text !== undefined && node.text !== '') {
    out.push(`${indent}<${node.name}${attrs}>${escapeText(node.text)}</${node.name}>`);
  } else if (kids.length === 0) {
    out.push(`${indent}<${node.name}${attrs}/>`);
  } else {
    out.push(`${indent}<${node.name}${attrs}>`);
    for (const kid of kids) render(kid, `${indent}  `, out);
    out.push(`${indent}</${node.name}>`);
  }
}

/** A whole UTF-8 document: declaration, then the tree indented by two spaces. */
export function renderXml(root: XmlNode): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  render(root, '', out);
  return `${out.join('\n')}\n`;
}

// ---- reading ---------------------------------------------------------------------------

export interface XmlElement {
  /** Local name (namespace prefix dropped: REFI files use the default namespace or a prefix). */
  name: string;
  uri: string;
  /** Unprefixed attributes by name (xmlns and xsi:* are not REFI data). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside the element, CDATA included. */
  text: string;
  line: number;
}

export interface ParseLimits {
  maxDepth: number;
  maxElements: number;
}

const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDepth: 256, maxElements: 4_000_000 };

class Refused extends Error {}

/**
 * Parses a document into a tree of elements. Throws GlossaError(`code`) naming `what` when the
 * text is not well-formed XML, declares a DOCTYPE, uses an entity XML does not predefine,
 * nests deeper than maxDepth or has more than maxElements elements.
 */
export function parseXml(xml: string, what: string, code: GlossaErrorCode, limits: Partial<ParseLimits> = {}): XmlElement {
  const { maxDepth, maxElements } = { ...DEFAULT_PARSE_LIMITS, ...limits };
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let count = 0;
  parser.on('doctype', () => {
    throw new Refused(
      'it declares a DOCTYPE. REFI-QDA files never need one, and Glossa does not read them, because a document type definition can define entities that expand to gigabytes or read files from your disk',
    );
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++count > maxElements) throw new Refused(`it has more than ${maxElements.toLocaleString('en')} elements`);
    if (stack.length >= maxDepth) throw new Refused(`its elements nest more than ${maxDepth} deep`);
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) if (a.uri === '' && a.prefix === '') attrs[a.local] = a.value;
    const el: XmlElement = { name: tag.local, uri: tag.uri, attrs, children: [], text: '', line: parser.line };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  try {
    parser.write(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).close();
  } catch (e) {
    if (e instanceof Refused) throw new GlossaError(code, `${what} was refused: ${e.message}.`);
    // saxes reports "line:column: what went wrong."
    const m = /^(\d+):(\d+): ([^]*?)\.?$/.exec((e as Error).message);
    const where = m ? ` (line ${m[1]}, column ${m[2]}: ${m[3]})` : ` (${(e as Error).message.replace(/\.$/, '')})`;
    throw new GlossaError(code, `${what} is not well-formed XML${where}. Export it again from the tool that made it.`);
  }
  if (!root) throw new GlossaError(code, `${what} has no XML element in it.`);
  return root;
}

/** Child elements with this local name. */
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);
export const childNamed = (el: XmlElement, name: string): XmlElement | undefined => el.children.find((c) => c.name === name);
