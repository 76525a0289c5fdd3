/**
 * How highlights look, computed per rendered piece. Each kind has its own mark so colour is
 * never the only cue, and none looks like a spell-checker's: quote = a soft tint behind the
 * words, claim = a solid underline, figure = a thin box with a light tint, note = a line over
 * the words. A suggestion waiting for review is a pale dotted underline of its kind's colour
 * (every kind), so it never reads as a person's annotation. Underlines of overlapping
 * annotations stack in lanes below the text; an annotation keeps one lane along its whole
 * length, so nested spans stay legible. A person can hide a kind (kinds.ts): the page root
 * gets `hide-<kind>`, and every look has a rule without that kind's marks.
 */
import type { CSSProperties } from 'react';
import type { Annotation } from '../../../core/model';
import { messagesNow, type Translation } from '../../i18n';
import { readerMessages } from './messages';

export interface Span {
  id: string;
  kind: Annotation['kind'];
  start: number;
  end: number;
  /** A detector's suggestion not yet reviewed: drawn pale and dotted. */
  suggested?: boolean;
}

/** Underlined (and so given a lane): claims and every suggestion. */
const isLined = (s: Span) => s.kind === 'claim' || s.suggested === true;

/**
 * Lane per underlined annotation: greedy interval colouring in text order (outer spans first).
 * Spans usually arrive in text order already, so only runs with the same start are sorted.
 */
export function assignLanes(spans: readonly Span[]): Map<string, number> {
  const lanes = new Map<string, number>();
  const laneEnds: number[] = [];
  const lined: Span[] = [];
  for (const s of spans) if (isLined(s) && s.end > s.start) lined.push(s);
  let ordered = true;
  for (let i = 1; i < lined.length && ordered; i++) ordered = lined[i - 1]!.start <= lined[i]!.start;
  if (ordered) {
    // Same start: the longer (outer) span first.
    for (let i = 0; i < lined.length;) {
      let j = i + 1;
      while (j < lined.length && lined[j]!.start === lined[i]!.start) j++;
      if (j - i > 1) lined.splice(i, j - i, ...lined.slice(i, j).sort((a, b) => b.end - a.end));
      i = j;
    }
  } else lined.sort((a, b) => a.start - b.start || b.end - a.end);
  for (const span of lined) {
    let lane = laneEnds.findIndex((end) => end <= span.start);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = span.end;
    lanes.set(span.id, lane);
  }
  return lanes;
}

const LANE_STEP = 4;
const solid = (color: string) => `linear-gradient(${color}, ${color})`;
const dotted = (color: string) => `repeating-linear-gradient(90deg, ${color} 0 2px, transparent 2px 5px)`;
/** A suggestion's line: its kind's colour, paler. */
const pale = (kind: Span['kind']) => `color-mix(in srgb, var(--${kind}-line) 60%, transparent)`;

interface Layer {
  image: string;
  size: string;
  position: string;
}

/** Background layers for one piece; `covering` are the annotations over it, outermost first. */
export function pieceStyle(covering: readonly Span[], lanes: ReadonlyMap<string, number>, selectedId: string | null): CSSProperties {
  const lines: Layer[] = [];
  const fills: Layer[] = [];
  let deepest = -1;
  let boxed = false;
  for (const span of covering) {
    const selected = span.id === selectedId;
    if (isLined(span)) {
      const lane = lanes.get(span.id) ?? 0;
      deepest = Math.max(deepest, lane);
      const height = selected ? 3 : 2;
      const color = `var(--${span.kind}-line)`;
      // Positioned from the content box's bottom edge into the padding below it (see .hl).
      lines.push({
        image: span.suggested ? dotted(pale(span.kind)) : solid(color),
        size: `100% ${height}px`,
        position: `0 calc(100% + ${height + 1 + lane * LANE_STEP}px)`,
      });
      if (selected) fills.push({ image: solid(`var(--${span.kind}-selected)`), size: '100% 100%', position: '0 0' });
    } else if (span.kind === 'note') {
      // A line over the words: notes are the researcher's own, not a reading of the text.
      lines.push({ image: solid('var(--note-line)'), size: `100% ${selected ? 3 : 2}px`, position: '0 0' });
      if (selected) fills.push({ image: solid('var(--note-selected)'), size: '100% 100%', position: '0 0' });
    } else {
      const tint = selected ? `var(--${span.kind}-selected)` : `var(--${span.kind}-tint)`;
      fills.unshift({ image: solid(tint), size: '100% 100%', position: '0 0' });
      if (span.kind === 'figure') boxed = true;
    }
  }
  const layers = [...lines, ...fills];
  if (layers.length === 0) return {};
  return {
    backgroundImage: layers.map((l) => l.image).join(', '),
    backgroundSize: layers.map((l) => l.size).join(', '),
    backgroundPosition: layers.map((l) => l.position).join(', '),
    paddingBottom: deepest >= 0 ? `${1 + (deepest + 1) * LANE_STEP}px` : undefined,
    boxShadow: boxed ? FIGURE_BOX : undefined,
  };
}

const FIGURE_BOX = 'inset 0 0 0 1px color-mix(in srgb, var(--figure-line) 70%, transparent)';

/** Innermost first: the shortest span under the pointer is the one a click means. */
export function byInnermost(spans: readonly Span[]): Span[] {
  return [...spans].sort((a, b) => a.end - a.start - (b.end - b.start) || b.start - a.start);
}

/** Lanes that reader.css draws by class. */
const CLASS_LANES = 4;

/**
 * The other looks (overlaps, the selection, deep lanes) become classes too, one rule each in
 * a stylesheet made here, so thousands of marks share a few rules instead of carrying inline
 * layers (each parsed on its own, and none shared in style recalculation).
 */
let sheet: CSSStyleSheet | null | undefined;
const ruleFor = new Map<string, string>();
function layersSheet(): CSSStyleSheet | null {
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    } catch {
      sheet = null;
    }
  }
  return sheet;
}

const declarations = (style: CSSProperties, withPadding: boolean) =>
  `background-image:${style.backgroundImage ? String(style.backgroundImage) : 'none'};` +
  (style.backgroundImage ? `background-size:${String(style.backgroundSize)};background-position:${String(style.backgroundPosition)};` : '') +
  `box-shadow:${style.boxShadow ? String(style.boxShadow) : 'none'};` +
  (withPadding && style.paddingBottom ? `padding-bottom:${String(style.paddingBottom)};` : '');

/** Every non-empty set of these kinds (at most four kinds: fifteen sets). */
function kindSets(kinds: readonly Span['kind'][]): Span['kind'][][] {
  const sets: Span['kind'][][] = [];
  for (let mask = 1; mask < 1 << kinds.length; mask++) sets.push(kinds.filter((_, i) => mask & (1 << i)));
  return sets;
}

function layersClass(style: CSSProperties, redraw: (without: ReadonlySet<Span['kind']>) => CSSProperties, kinds: readonly Span['kind'][]): string | null {
  const key = `${String(style.backgroundImage)}|${String(style.backgroundSize)}|${String(style.backgroundPosition)}|${style.paddingBottom ?? ''}|${style.boxShadow ?? ''}|${kinds.join()}`;
  const known = ruleFor.get(key);
  if (known) return known;
  const target = layersSheet();
  if (!target) return null;
  const name = `hl-x${ruleFor.size}`;
  target.insertRule(`.hl.${name}{${declarations(style, true)}}`, target.cssRules.length);
  // The same piece with some kinds hidden: one class more on the root per hidden kind, so the
  // rule naming every hidden kind of this piece is the most specific one that applies.
  for (const hidden of kindSets(kinds)) {
    const root = hidden.map((k) => `.hide-${k}`).join('');
    target.insertRule(`${root} .hl.${name}{${declarations(redraw(new Set(hidden)), false)}}`, target.cssRules.length);
  }
  ruleFor.set(key, name);
  return name;
}

/**
 * Class (and, only where a stylesheet cannot be made, style) of one piece. A piece under one
 * annotation that is not selected (most pieces) has a fixed class from reader.css; other
 * looks get a class made from pieceStyle's layers on first use.
 */
export function pieceLook(
  covering: readonly Span[],
  lanes: ReadonlyMap<string, number>,
  selectedId: string | null,
): { className: string; style?: CSSProperties } {
  const only = covering.length === 1 ? covering[0]! : null;
  if (only && only.id !== selectedId) {
    if (!isLined(only)) return { className: `hl hl-${only.kind}` };
    const lane = lanes.get(only.id) ?? 0;
    if (lane < CLASS_LANES) return { className: `hl ${only.suggested ? `hl-suggested hl-suggested-${only.kind}` : `hl-${only.kind}`} hl-lane-${lane}` };
  }
  const selected = selectedId !== null && covering.some((s) => s.id === selectedId);
  const base = selected ? 'hl hl-selected' : 'hl';
  const style = pieceStyle(covering, lanes, selectedId);
  if (!style.backgroundImage) return { className: base };
  const kinds = [...new Set(covering.map((c) => c.kind))];
  const name = layersClass(
    style,
    (without) =>
      pieceStyle(
        covering.filter((c) => !without.has(c.kind)),
        lanes,
        selectedId,
      ),
    kinds,
  );
  return name ? { className: `${base} ${name}` } : { className: base, style };
}

/** What a screen reader hears besides the text, and what the pointer shows: which highlights are suggestions. */
export function pieceDescription(
  covering: readonly Span[],
  words: Pick<Translation<(typeof readerMessages)['en']>, 'suggested'> = messagesNow(readerMessages),
): string | undefined {
  const suggested = covering.filter((s) => s.suggested);
  if (suggested.length === 0) return undefined;
  return words.suggested([...new Set(suggested.map((s) => s.kind))]);
}
