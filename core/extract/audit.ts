/**
 * Independent check of sanitised HTML: parses it the way a browser would (parse5) and lists
 * anything that could run code or load something on its own. Used by the tests and the
 * benchmark; the lead can use it before storing HTML that came from elsewhere.
 */
import { parseFragment } from 'parse5';
import { ALLOWED_ATTR, ALLOWED_TAGS, IMAGE_SRC_ATTR } from './sanitise.js';

interface P5 {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: P5[];
  content?: P5;
}

const TAGS = new Set(ALLOWED_TAGS);
const ATTRS = new Set(ALLOWED_ATTR);
const LINK_OK = /^(?:https?:\/\/|mailto:|#)/i;
const IMAGE_OK = /^(?:https?:\/\/|data:image\/)/i;

/** Problems found in `html`; empty when it is inert. */
export function auditSanitised(html: string): string[] {
  const problems: string[] = [];
  const stack: P5[] = [parseFragment(html) as unknown as P5];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.tagName !== undefined) {
      const tag = node.tagName.toLowerCase();
      if (!TAGS.has(tag)) problems.push(`element <${tag}>`);
      for (const { name, value } of node.attrs ?? []) {
        const n = name.toLowerCase();
        if (!ATTRS.has(n)) problems.push(`attribute ${n} on <${tag}>`);
        if (n.startsWith('on')) problems.push(`event handler ${n} on <${tag}>`);
        if (n === 'href' && (tag !== 'a' || !LINK_OK.test(value.trim()))) problems.push(`href ${JSON.stringify(value)} on <${tag}>`);
        if (n === IMAGE_SRC_ATTR && (tag !== 'img' || !IMAGE_OK.test(value.trim()))) problems.push(`${n} ${JSON.stringify(value)} on <${tag}>`);
        if (/^\s*(javascript|vbscript|data:text)/i.test(value) && n !== 'alt' && n !== 'title') problems.push(`script URL in ${n}`);
      }
    }
    for (const child of node.childNodes ?? []) stack.push(child);
    if (node.content) stack.push(node.content);
  }
  return problems;
}
