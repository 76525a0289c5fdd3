/**
 * The DOM used for extraction: linkedom. Chosen on the benchmark (bench/extract.ts): Mozilla
 * Readability gives the same article text on linkedom, happy-dom and jsdom, and linkedom is
 * about 4× faster than happy-dom and 10× faster than jsdom. It never runs scripts or loads
 * anything, which is what a page we only read needs.
 *
 * core/ is compiled without the DOM type library, so the small part of the DOM we use is
 * described here structurally; any engine's nodes satisfy it.
 */
import { parseHTML } from 'linkedom';
import { limitNesting } from './limits.js';

export interface DNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly parentNode: DElement | null;
  readonly parentElement: DElement | null;
  readonly childNodes: ArrayLike<DNode>;
  readonly firstChild: DNode | null;
  readonly lastChild: DNode | null;
  readonly nextSibling: DNode | null;
  readonly previousSibling: DNode | null;
  textContent: string | null;
  remove(): void;
}

export interface DElement extends DNode {
  readonly tagName: string;
  readonly localName: string;
  readonly children: ArrayLike<DElement>;
  readonly firstElementChild: DElement | null;
  readonly nextElementSibling: DElement | null;
  readonly previousElementSibling: DElement | null;
  readonly attributes: ArrayLike<{ name: string; value: string }>;
  readonly ownerDocument: DDocument;
  id: string;
  className: string;
  innerHTML: string;
  readonly outerHTML: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DElement | null;
  querySelectorAll(selector: string): ArrayLike<DElement>;
  getElementsByTagName(name: string): ArrayLike<DElement>;
  appendChild<T extends DNode>(node: T): T;
  insertBefore<T extends DNode>(node: T, ref: DNode | null): T;
  replaceWith(...nodes: DNode[]): void;
  cloneNode(deep?: boolean): DElement;
  closest(selector: string): DElement | null;
  contains(node: DNode): boolean;
}

export interface DDocument {
  readonly documentElement: DElement;
  readonly head: DElement | null;
  readonly body: DElement | null;
  title: string;
  createElement(name: string): DElement;
  createTextNode(data: string): DNode;
  querySelector(selector: string): DElement | null;
  querySelectorAll(selector: string): ArrayLike<DElement>;
  getElementsByTagName(name: string): ArrayLike<DElement>;
}

export const ELEMENT_NODE = 1;

export const isElement = (n: DNode | null | undefined): n is DElement => !!n && n.nodeType === ELEMENT_NODE;

/** Parses a whole page. Nesting deeper than the limit is flattened first (see limits.ts). */
export function parseDocument(html: string): DDocument {
  const safe = limitNesting(html);
  // linkedom treats a string without <html> as a fragment; give it a document to live in.
  const source = /<html[\s>]/i.test(safe) ? safe : `<!DOCTYPE html><html><head></head><body>${safe}</body></html>`;
  const { document } = parseHTML(source) as unknown as { document: DDocument };
  return document;
}

/** Elements in document order without recursion (deep trees cannot overflow the stack). */
export function* walkElements(root: DElement): Generator<DElement> {
  const stack: DElement[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    yield el;
    const kids = el.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/** Visible text of an element with white space collapsed (for heuristics, not for storage). */
export function textOf(node: DNode): string {
  return (node.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function lowerTag(el: DElement): string {
  return el.localName ? el.localName.toLowerCase() : el.tagName.toLowerCase();
}
