/**
 * The reader's review queue of suggestions (renderer/features/suggest/queue.ts) and how
 * suggestions are drawn (renderer/features/reader/highlight.ts): only suggestions waiting
 * for review are queued, J/K wrap around in text order from wherever the selection is, a
 * decision hands on to the next one, and a suggestion's highlight is dotted and described as
 * suggested while a person's stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { blankAnnotation } from '../../core/common/annotation.js';
import type { Annotation, AnnotationKind } from '../../core/model/index.js';
import { makeTarget } from '../../core/text/selectors.js';
import type { Binding } from '../../renderer/app/keyboard';
import { readerBindings, type ReaderActions, type ReviewKeys } from '../../renderer/features/reader/readerKeys';
import { assignLanes, pieceDescription, pieceLook, pieceStyle, type Span } from '../../renderer/features/reader/highlight';
import {
  addedMessage,
  confidenceText,
  countByKind,
  isPending,
  nextAfterDecision,
  pendingOf,
  reviewFields,
  stepPending,
} from '../../renderer/features/suggest/queue';

const TEXT = '“We will not comply,” the mayor said on Monday. The city spent $3.4 million, almost 20 times more than in 2016, and crime fell.';
const range = (exact: string) => {
  const start = TEXT.indexOf(exact);
  if (start < 0) throw new Error(`not in the text: ${exact}`);
  return [start, start + exact.length] as const;
};
function make(id: string, kind: AnnotationKind, exact: string, origin: Partial<Annotation['origin']> | null, extra: Partial<Annotation> = {}): Annotation {
  const [start, end] = range(exact);
  const a = blankAnnotation(id, 'snap', kind, makeTarget(TEXT, start, end), '2026-01-01T00:00:00.000Z');
  return { ...a, ...(origin ? { origin: { type: 'suggested', detector: 'glossa-quotes@1.0.0', accepted: null, ...origin } } : {}), ...extra };
}

const quote = make('q', 'quote', '“We will not comply,”', { confidence: 0.93 }, { fields: { speaker: 'the mayor', quoteType: 'direct', cue: 'said' } });
const mine = make('m', 'claim', 'The city spent $3.4 million', null);
const money = make('f1', 'figure', '$3.4 million', { confidence: 0.8 }, { fields: { value: 3_400_000, unit: 'USD' } });
const times = make('f2', 'figure', 'almost 20 times', { confidence: 0.71 }, { fields: { value: 20, unit: 'times', qualifier: 'almost' } });
const accepted = make('c1', 'claim', 'crime fell', { accepted: true, confidence: 0.6 }, { fields: { checkworthiness: 0.64 } });
const rejected = make('c2', 'claim', 'the mayor said on Monday', { accepted: false }, { deletedAt: '2026-01-02T00:00:00.000Z' });
/** The reader's list: live annotations in text order. */
const list = [quote, mine, money, times, accepted];

describe('the review queue', () => {
  it('holds only suggestions waiting for review: not a person’s, not accepted, not rejected', () => {
    expect(pendingOf([...list, rejected]).map((a) => a.id)).toEqual(['q', 'f1', 'f2']);
    expect(isPending(mine)).toBe(false);
    expect(isPending(accepted)).toBe(false);
    expect(isPending(rejected)).toBe(false);
    expect(countByKind(pendingOf(list))).toEqual({ quote: 1, figure: 2, claim: 0 });
  });

  it('J and K step through pending suggestions in text order and wrap around', () => {
    const ids = (from: string | null, dir: 1 | -1) => stepPending(list, { id: from }, dir)?.id;
    expect(ids(null, 1)).toBe('q');
    expect(ids(null, -1)).toBe('f2');
    expect(ids('q', 1)).toBe('f1');
    expect(ids('f2', 1)).toBe('q');
    expect(ids('q', -1)).toBe('f2');
    // From a person's annotation or an accepted one: the nearest suggestion that way.
    expect(ids('m', 1)).toBe('f1');
    expect(ids('m', -1)).toBe('q');
    expect(ids('c1', 1)).toBe('q');
    expect(ids('c1', -1)).toBe('f2');
    // From a place only (the selection was just rejected and is gone from the list).
    expect(stepPending(list, { id: 'gone', start: range('almost')[0] }, 1)?.id).toBe('f2');
    expect(stepPending([mine, accepted], { id: null }, 1)).toBeNull();
  });

  it('a decision hands on to the next suggestion, else the one before, else none', () => {
    expect(nextAfterDecision(list, quote)?.id).toBe('f1');
    expect(nextAfterDecision(list, times)?.id).toBe('f1');
    expect(nextAfterDecision([quote, mine], quote)).toBeNull();
  });

  it('describes a suggestion with its kind’s fields and confidence; empty fields read “—”', () => {
    expect(reviewFields(quote)).toEqual([
      { label: 'Speaker', value: 'the mayor' },
      { label: 'Role', value: '—' },
      { label: 'Type', value: 'direct' },
      { label: 'Cue', value: 'said' },
    ]);
    expect(reviewFields(times).map((f) => f.value)).toEqual(['almost', '20', 'times']);
    expect(reviewFields(accepted)).toEqual([{ label: 'Check-worthiness', value: '64%' }]);
    expect(confidenceText(quote)).toBe('93%');
    expect(confidenceText(make('x', 'quote', 'comply', {}))).toBeNull();
  });

  it('says how many were added and why some were left out', () => {
    expect(addedMessage(12, 0)).toBe('12 suggestions to review.');
    expect(addedMessage(1, 0)).toBe('1 suggestion to review.');
    expect(addedMessage(3, 2)).toMatch(/^3 suggestions to review; 2 left out \(already suggested, rejected before/);
    expect(addedMessage(0, 0)).toMatch(/^No new suggestions: the detectors found nothing more/);
  });
});

describe('suggestions are drawn apart from a person’s annotations', () => {
  const span = (a: Annotation): Span => ({ id: a.id, kind: a.kind, start: a.target.position.start, end: a.target.position.end, suggested: isPending(a) });
  const spans = [quote, mine, money, accepted].map(span);
  const lanes = assignLanes(spans);

  it('a suggestion alone is a dotted line of its own class; a person’s quote and an accepted claim look as before', () => {
    expect(pieceLook([span(quote)], lanes, null).className).toBe(`hl hl-suggested hl-suggested-quote hl-lane-${lanes.get('q')}`);
    expect(pieceLook([span(mine)], lanes, null).className).toBe(`hl hl-claim hl-lane-${lanes.get('m')}`);
    expect(pieceLook([span(accepted)], lanes, null).className).toBe(`hl hl-claim hl-lane-${lanes.get('c1')}`);
  });

  it('a suggested figure is underlined (in a lane of its own), not tinted as a person’s figure is', () => {
    expect(lanes.has('f1')).toBe(true);
    expect(lanes.get('f1')).not.toBe(lanes.get('m'));
    const style = pieceStyle([span(mine), span(money)], lanes, null);
    expect(String(style.backgroundImage)).toContain('repeating-linear-gradient(90deg, color-mix(in srgb, var(--figure-line) 60%, transparent) 0 2px');
    expect(String(style.backgroundImage)).not.toContain('--figure-tint');
    const human = pieceStyle([span({ ...money, origin: { type: 'human', detector: null, accepted: null } })], lanes, null);
    expect(String(human.backgroundImage)).toContain('var(--figure-tint)');
  });

  it('is described as suggested (for screen readers); a person’s annotation has no such description', () => {
    expect(pieceDescription([span(mine), span(money)])).toBe('suggested figure, not yet reviewed');
    expect(pieceDescription([span(quote), span(money)])).toBe('suggested quote and figure, not yet reviewed');
    expect(pieceDescription([span(mine), span(accepted)])).toBeUndefined();
  });
});

describe('the review keys', () => {
  const calls: string[] = [];
  const act = new Proxy({} as ReaderActions, { get: (_t, name) => () => calls.push(`reader.${String(name)}`) });
  const review = (active: boolean): ReviewKeys => ({
    active,
    start: () => calls.push('start'),
    stop: () => calls.push('stop'),
    step: (d) => calls.push(`step ${d}`),
    decide: (d) => calls.push(d),
    edit: () => calls.push('edit'),
  });
  const plain = (bindings: Binding[], key: string) => bindings.filter((b) => b.key === key && !b.mod && !b.shift);
  const press = (bindings: Binding[], key: string) => {
    calls.length = 0;
    const [only, ...more] = plain(bindings, key);
    expect(more, `one binding for ${key}`).toEqual([]);
    only!.run(new Event('keydown') as KeyboardEvent);
    return [...calls];
  };

  it('while reviewing, J/K, A, X, E and Esc act on the queue, each bound once (as the shortcut sheet lists them)', () => {
    const keys = readerBindings(act, review(true));
    expect(press(keys, 'j')).toEqual(['step 1']);
    expect(press(keys, 'k')).toEqual(['step -1']);
    expect(press(keys, 'a')).toEqual(['accept']);
    expect(press(keys, 'x')).toEqual(['reject']);
    expect(press(keys, 'e')).toEqual(['edit']);
    expect(press(keys, 'escape')).toEqual(['stop']);
    expect(plain(keys, 'j')[0]!.help).toEqual({ group: 'Review suggestions', label: 'Next suggestion' });
    // The reader's other keys are still there.
    expect(press(keys, 'q')).toEqual(['reader.tag']);
  });

  it('otherwise the reader’s keys are its own, X does nothing and R starts reviewing', () => {
    const keys = readerBindings(act, review(false));
    expect(press(keys, 'j')).toEqual(['reader.step']);
    expect(press(keys, 'r')).toEqual(['start']);
    expect(plain(keys, 'x')).toEqual([]);
    expect(plain(keys, 'j')[0]!.help?.label).toBe('Next annotation');
  });
});
