import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { moveEdge, type Direction, type Edge } from '../../../core/text/navigate.js';
import { HAVE_NYPD, NYPD_TXT, prng } from './shared.js';

/** Moves an edge of the span written as [ ... ] and returns the new span, marked the same way. */
function move(marked: string, edge: Edge, direction: Direction): string {
  const start = marked.indexOf('[');
  const end = marked.indexOf(']') - 1;
  const text = marked.replace('[', '').replace(']', '');
  const r = moveEdge(text, { start, end }, edge, direction);
  return `${text.slice(0, r.start)}[${text.slice(r.start, r.end)}]${text.slice(r.end)}`;
}

describe('moveEdge', () => {
  it.each([
    ['the [council] postponed the vote', 'end', 'grow', 'the [council postponed] the vote'],
    ['the [council postponed] the vote', 'end', 'shrink', 'the [council] postponed the vote'],
    ['the [council] postponed', 'start', 'grow', '[the council] postponed'],
    ['[the council] postponed', 'start', 'shrink', 'the [council] postponed'],
    ['inform their [police],” the director', 'end', 'grow', 'inform their [police,”] the director'],
    ['inform their [police,”] the director', 'end', 'grow', 'inform their [police,” the] director'],
    ['inform their [police,”] the', 'end', 'shrink', 'inform their [police],” the'],
    ['said “[The] police', 'start', 'grow', 'said [“The] police'],
    ['got [1,526] requests', 'end', 'grow', 'got [1,526 requests]'],
    ['the [law]-abiding citizens', 'end', 'grow', 'the [law-abiding] citizens'],
    ['to the [end]', 'end', 'grow', 'to the [end]'],
    ['[one] word', 'end', 'shrink', '[one] word'],
    ['[one] word', 'start', 'shrink', '[one] word'],
    ['[start] here', 'start', 'grow', '[start] here'],
    ['a  [b]\u00a0\u00a0c', 'end', 'grow', 'a  [b\u00a0\u00a0c]'],
    ['smile [😀] 😀 now', 'end', 'grow', 'smile [😀 😀] now'],
  ] as const)('%s: %s %s → %s', (marked, edge, direction, expected) => {
    expect(move(marked, edge, direction)).toBe(expected);
  });

  it.runIf(HAVE_NYPD)('never leaves white space at an edge, never empties a span, and shrink undoes grow on the sample', () => {
    const text = readFileSync(NYPD_TXT, 'utf8');
    const rand = prng(7);
    for (let i = 0; i < 500; i++) {
      // A whole white-space-delimited token, as a snapped selection of one word and its punctuation.
      let start = Math.floor(rand() * text.length);
      while (start < text.length && /\s/.test(text.charAt(start))) start++;
      while (start > 0 && !/\s/.test(text.charAt(start - 1))) start--;
      let end = start + 1;
      while (end < text.length && !/\s/.test(text.charAt(end))) end++;
      if (start >= text.length) continue;
      const span = { start, end };
      for (const edge of ['start', 'end'] as const) {
        const grown = moveEdge(text, span, edge, 'grow');
        expect(grown.end).toBeGreaterThan(grown.start);
        expect(/\s/.test(text.charAt(grown.start))).toBe(false);
        expect(/\s/.test(text.charAt(grown.end - 1))).toBe(false);
        if (grown.start !== span.start || grown.end !== span.end) {
          expect(moveEdge(text, grown, edge, 'shrink')).toEqual(span);
        }
      }
    }
  });
});
