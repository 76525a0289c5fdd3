/**
 * Figures tagged on an image: the model's target, building and placing it by the image's
 * hash, checking it, and the media fragment that carries its area (exactly, both ways).
 */
import { describe, expect, it } from 'vitest';
import {
  anchor,
  checkRect,
  imageTarget,
  imageTargetProblem,
  locate,
  placeImageTarget,
  placeTarget,
  reanchorAll,
  rectFromMediaFragment,
  rectToMediaFragment,
} from '../../../core/anchor/index.js';
import { Annotation, GlossaError, TextTarget, isImageTarget } from '../../../core/model/index.js';
import { makeTarget } from '../../../core/text/selectors.js';

const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);
const TEXT = 'The bridge reopened on Monday.\nTraffic chart below.\nAbout 48,000 vehicles crossed each day.';
const AT = TEXT.indexOf('About');
const IMAGES = [{ hash: H1, offset: AT }];
const STAMP = '2024-05-06T10:00:00.000Z';

const annotation = (target: unknown) =>
  Annotation.safeParse({ id: 'f1', snapshotId: 's1', kind: 'figure', target, fields: {}, createdAt: STAMP, updatedAt: STAMP });

describe('the model: image targets', () => {
  it('accepts a zero-width target with an empty quote only when it names an image', () => {
    const onImage = imageTarget(TEXT, IMAGES, { hash: H1, rect: { x: 0.1, y: 0.2, w: 0.5, h: 0.5 } });
    expect(annotation(onImage).success).toBe(true);
    expect(isImageTarget(onImage)).toBe(true);
    const { image: _image, ...textOnly } = onImage;
    const refused = annotation(textOnly);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/quoted text is empty/);
    // Text targets still need their text.
    expect(TextTarget.safeParse({ ...makeTarget(TEXT, 0, 3), quote: { ...makeTarget(TEXT, 0, 3).quote, exact: '' } }).success).toBe(false);
  });

  it('refuses an image target with a span, a bad hash, or an area outside the image', () => {
    const ok = imageTarget(TEXT, IMAGES, { hash: H1, rect: null });
    const bad: [string, unknown][] = [
      ['span', { ...ok, position: { ...ok.position, end: ok.position.start + 1 } }],
      ['hash', { ...ok, image: { hash: 'A'.repeat(64), rect: null } }],
      ['x + w > 1', { ...ok, image: { hash: H1, rect: { x: 0.6, y: 0, w: 0.5, h: 1 } } }],
      ['y + h > 1', { ...ok, image: { hash: H1, rect: { x: 0, y: 0.5, w: 1, h: 0.6 } } }],
      ['w = 0', { ...ok, image: { hash: H1, rect: { x: 0, y: 0, w: 0, h: 1 } } }],
      ['negative', { ...ok, image: { hash: H1, rect: { x: -0.1, y: 0, w: 0.5, h: 1 } } }],
      ['no rect key', { ...ok, image: { hash: H1 } }],
    ];
    for (const [what, target] of bad) expect(annotation(target).success, what).toBe(false);
    // Floating point that lands a hair past 1 is still inside.
    expect(annotation({ ...ok, image: { hash: H1, rect: { x: 0.7, y: 0.1, w: 0.3000000000000001, h: 0.9 } } }).success).toBe(true);
  });

  it('keeps existing text annotations exactly as they were (no image key appears)', () => {
    const target = makeTarget(TEXT, 4, 10);
    const parsed = annotation(target);
    expect(parsed.success).toBe(true);
    expect(parsed.data!.target).toEqual(target);
    expect('image' in parsed.data!.target).toBe(false);
    expect(JSON.stringify(parsed.data!.target)).toBe(JSON.stringify(target));
  });
});

describe('imageTarget', () => {
  it('sits where the image stands: zero width, empty quote, the text around it as context', () => {
    const t = imageTarget(TEXT, IMAGES, { hash: H1, rect: null });
    expect(t.position).toEqual({ type: 'TextPositionSelector', start: AT, end: AT });
    expect(t.quote.exact).toBe('');
    expect(t.quote.prefix).toBe(TEXT.slice(AT - 32, AT));
    expect(t.quote.suffix).toBe(TEXT.slice(AT, AT + 32));
    expect(t.image).toEqual({ hash: H1, rect: null });
    expect(imageTargetProblem(TEXT, IMAGES, t)).toBeNull();
  });

  it('picks the nearest copy of a picture that appears twice', () => {
    const twice = [
      { hash: H1, offset: 0 },
      { hash: H1, offset: AT },
    ];
    expect(imageTarget(TEXT, twice, { hash: H1, rect: null }, AT - 2).position.start).toBe(AT);
    expect(imageTarget(TEXT, twice, { hash: H1, rect: null }, 3).position.start).toBe(0);
  });

  it('never cuts a surrogate pair in its context', () => {
    // 32 units before the image fall between the emoji's two halves: the context starts after it.
    const text = `😀${'x'.repeat(31)}|after`;
    const at = text.indexOf('|');
    const t = imageTarget(text, [{ hash: H1, offset: at }], { hash: H1, rect: null });
    expect(t.quote.prefix).toBe('x'.repeat(31));
    expect(imageTargetProblem(text, [{ hash: H1, offset: at }], t)).toBeNull();
  });

  it('says which image is missing, and what a good area is', () => {
    expect(() => imageTarget(TEXT, IMAGES, { hash: H2, rect: null })).toThrow(GlossaError);
    expect(() => imageTarget(TEXT, IMAGES, { hash: H2, rect: null })).toThrow(/no image bbbbbbbbbbbb…/);
    expect(() => imageTarget(TEXT, IMAGES, { hash: H1, rect: { x: 0.5, y: 0, w: 0.6, h: 1 } })).toThrow(/inside it .*fractions 0–1/);
    expect(() => checkRect({ x: 0, y: 0, w: 0, h: 0.5 })).toThrow(/w and h above 0/);
    expect(() => imageTarget(TEXT, [{ hash: H1, offset: TEXT.length + 5 }], { hash: H1, rect: null })).toThrow(/damaged/);
  });
});

describe('placing a figure on an image in another version', () => {
  const moved = `A new first paragraph.\n${TEXT}`;
  const target = imageTarget(TEXT, IMAGES, { hash: H1, rect: { x: 0.25, y: 0.5, w: 0.5, h: 0.25 } });

  it('follows the image by its hash, keeping the area', () => {
    const at = moved.indexOf('About');
    const placed = placeImageTarget(moved, [{ hash: H1, offset: at }], target);
    expect(placed).toEqual({ target: imageTarget(moved, [{ hash: H1, offset: at }], target.image!) });
    const viaPlaceTarget = placeTarget(moved, target, { images: [{ hash: H1, offset: at }] });
    expect(viaPlaceTarget).toMatchObject({ start: at, end: at, how: 'image', score: 1 });
    expect('target' in viaPlaceTarget && viaPlaceTarget.target.image).toEqual(target.image);
  });

  it('is an orphan, with a reason, when the image is gone; text matching never applies to it', () => {
    expect(placeImageTarget(moved, [{ hash: H2, offset: 3 }], target)).toEqual({
      reason: expect.stringMatching(/image \(aaaaaaaaaaaa…\) is not in this version/),
    });
    // Without the new version's images there is no way to place it: a reason, not a throw.
    expect(placeTarget(moved, target)).toEqual({ reason: expect.stringMatching(/tagged on an image/) });
    expect(locate(moved, target)).toEqual({ reason: expect.stringMatching(/tagged on an image/) });
    expect(anchor(moved, target)).toBeNull();
  });

  it('reanchorAll carries text and image annotations together', () => {
    const at = moved.indexOf('About');
    const quote = Annotation.parse({
      id: 'q',
      snapshotId: 'v1',
      kind: 'quote',
      target: makeTarget(TEXT, 0, 29),
      fields: {},
      createdAt: STAMP,
      updatedAt: STAMP,
    });
    const fig = Annotation.parse({
      id: 'f',
      snapshotId: 'v1',
      kind: 'figure',
      target,
      fields: { value: 48000 },
      createdAt: STAMP,
      updatedAt: STAMP,
      links: [{ rel: 'supports', annotationId: 'q' }],
    });
    const gone = Annotation.parse({ ...fig, id: 'g', target: imageTarget(TEXT, [{ hash: H2, offset: 0 }], { hash: H2, rect: null }) });
    const result = reanchorAll([quote, fig, gone], moved, { images: [{ hash: H1, offset: at }], snapshotId: 'v2', newId: (a) => `${a.id}2`, now: STAMP });
    expect(result.placed.map((p) => [p.annotation.id, p.how])).toEqual([
      ['q2', 'quote'],
      ['f2', 'image'],
    ]);
    expect(result.placed[1]!.annotation.target.position.start).toBe(at);
    expect(result.placed[1]!.annotation.links).toEqual([
      { rel: 'supports', annotationId: 'q2' },
      { rel: 'previous-version', annotationId: 'f' },
    ]);
    expect(result.orphans.map((o) => o.annotation.id)).toEqual(['g']);
  });
});

describe('imageTargetProblem', () => {
  const t = imageTarget(TEXT, IMAGES, { hash: H1, rect: null });
  it('names what does not hold', () => {
    expect(imageTargetProblem(TEXT, [], t)).toMatch(/no image aaaaaaaaaaaa/);
    expect(imageTargetProblem(TEXT, [{ hash: H1, offset: 2 }], t)).toMatch(/does not stand at offset/);
    expect(imageTargetProblem(`${TEXT.slice(0, AT - 1)}!${TEXT.slice(AT)}`, IMAGES, t)).toMatch(/prefix or suffix/);
    expect(imageTargetProblem(TEXT, IMAGES, { ...t, quote: { ...t.quote, exact: 'x' } })).toMatch(/zero-width/);
    expect(imageTargetProblem(TEXT, IMAGES, makeTarget(TEXT, 0, 3))).toMatch(/not tagged on an image/);
  });
});

describe('media fragments (xywh=percent)', () => {
  it('writes percentages without floating-point noise', () => {
    expect(rectToMediaFragment({ x: 0.1, y: 0.2, w: 0.3, h: 0.4 })).toBe('xywh=percent:10,20,30,40');
    expect(rectToMediaFragment({ x: 0, y: 0, w: 1, h: 1 })).toBe('xywh=percent:0,0,100,100');
    expect(rectToMediaFragment({ x: 0.125, y: 0.00001, w: 1e-7, h: 0.5 })).toBe('xywh=percent:12.5,0.001,0.00001,50');
  });

  it('reads back the very same numbers, for any fraction', () => {
    const values = [0, 1, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 0.123456789, 1e-7, 5e-324, 0.9999999999999999];
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 48271) % 2147483647;
      values.push(seed / 2147483647);
    }
    for (const v of values) {
      const rect = { x: v, y: 1 - v, w: v, h: v / 2 };
      expect(rectFromMediaFragment(rectToMediaFragment(rect)), String(v)).toEqual(rect);
    }
  });

  it('reads other tools’ percent fragments and refuses pixels and junk', () => {
    expect(rectFromMediaFragment('xywh=percent:12.5,0,50,100')).toEqual({ x: 0.125, y: 0, w: 0.5, h: 1 });
    expect(rectFromMediaFragment(' xywh=percent:1.,2,3,4 ')).toEqual({ x: 0.01, y: 0.02, w: 0.03, h: 0.04 });
    for (const bad of ['xywh=10,10,10,10', 'xywh=pixel:1,2,3,4', 'xywh=percent:a,b,c,d', 'xywh=percent:1,2,3', 'xywh=percent:-1,2,3,4', 't=10,20', '']) {
      expect(rectFromMediaFragment(bad), bad).toBeNull();
    }
  });
});
