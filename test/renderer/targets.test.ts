/**
 * The target the window builds for an annotation it shows before the save returns comes from
 * core/common, the code core stores with: the same for words and for an image, with context
 * that never cuts a character outside the BMP in two, and a clear refusal for a bad place.
 */
import { describe, expect, it } from 'vitest';
import { imageTarget } from '../../core/anchor/image.js';
import { CONTEXT_LENGTH, makeTarget } from '../../core/text/selectors.js';
import { imageTargetAt, targetOf } from '../../core/common/targets.js';

const HASH = 'a'.repeat(64);
const isLone = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('targets the window shows', () => {
  it('is core’s text target for words', () => {
    const text = 'The port counted 1,526 ships 🚢 in May.';
    expect(targetOf(text, 4, 8)).toEqual(makeTarget(text, 4, 8));
    expect(targetOf(text, 4, 8, null)).toEqual(makeTarget(text, 4, 8));
  });

  it('keeps characters outside the BMP whole in an image’s context, on both sides, wherever the image stands', () => {
    const text = '😀'.repeat(40) + 'chart' + '🌊'.repeat(40);
    for (let at = 0; at <= text.length; at++) {
      if (at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at]!) && /[\uD800-\uDBFF]/.test(text[at - 1]!)) continue;
      const t = imageTargetAt(text, at, { hash: HASH, rect: null });
      expect(isLone(t.quote.prefix), `prefix at ${at}`).toBe(false);
      expect(isLone(t.quote.suffix), `suffix at ${at}`).toBe(false);
      expect(t.quote.prefix.length).toBeGreaterThanOrEqual(Math.min(at, CONTEXT_LENGTH - 1));
      expect(text.slice(at - t.quote.prefix.length, at)).toBe(t.quote.prefix);
      expect(text.startsWith(t.quote.suffix, at)).toBe(true);
      expect(t.position).toEqual({ type: 'TextPositionSelector', start: at, end: at });
      expect(t.quote.exact).toBe('');
    }
  });

  it('is the very target core stores for a figure on an image, rectangle copied (not shared)', () => {
    const text = 'Before the chart 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀 and after it 🌊🌊🌊🌊🌊🌊🌊🌊🌊🌊🌊🌊🌊🌊🌊🌊 the end.';
    const at = text.indexOf(' and after');
    const rect = { x: 0.1, y: 0.2, w: 0.3, h: 0.4 };
    const mine = targetOf(text, at, at, { hash: HASH, rect });
    expect(mine).toEqual(imageTarget(text, [{ hash: HASH, offset: at }], { hash: HASH, rect }));
    expect(mine.image!.rect).not.toBe(rect);
  });

  it('refuses an image standing outside the text with a message naming the offset', () => {
    expect(() => imageTargetAt('short', 9, { hash: HASH, rect: null })).toThrow(/stands at offset 9, outside the text's 5 characters/);
    expect(() => imageTargetAt('short', -1, { hash: HASH, rect: null })).toThrow(/offset -1/);
    expect(() => imageTargetAt('short', 1.5, { hash: HASH, rect: null })).toThrow(/offset 1.5/);
  });
});
