import { afterAll, describe, expect, it } from 'vitest';
import { SuggestClient, suggest } from '../../../core/suggest/index.js';

describe('suggestion worker', () => {
  const client = new SuggestClient();
  afterAll(() => client.close());

  it('answers with what suggest() gives in this thread', async () => {
    const text = '“We will rebuild the bridge,” Mayor Jane Holloway said. The city spent $3.4 billion on it.';
    const got = await client.suggest(text, { snapshotId: 'snap-1' });
    expect(got).toEqual(suggest(text, { snapshotId: 'snap-1' }));
    expect(got.some((s) => s.kind === 'quote' && s.snapshotId === 'snap-1')).toBe(true);
  });

  it('keeps answering in order, and returns errors as GlossaErrors', async () => {
    const [a, b] = await Promise.all([client.suggest('Turnout fell 4.5 percent.', { kinds: ['figure'] }), client.suggest('')]);
    expect(a.map((s) => s.exact)).toEqual(['4.5 percent']);
    expect(b).toEqual([]);
    await expect(client.suggest('x', { kinds: ['gossip' as 'quote'] })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/gossip/),
    });
  });

  it('refuses calls after close with a message', async () => {
    const c = new SuggestClient();
    await c.close();
    await expect(c.suggest('text')).rejects.toThrow(/Suggestions stopped/);
  });
});
