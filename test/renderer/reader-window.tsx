/**
 * The window's side of the renderer tests: a real temp library behind window.glossaBridge (one
 * dispatch per call, answered with envelopes, as the preload and the e2e bridge do), and the
 * real Article drawn into happy-dom's document.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { SnapshotImage, Block } from '../../core/model/index.js';
import { Article } from '../../renderer/features/reader/Article';
import { assignLanes, type Span } from '../../renderer/features/reader/highlight';
import { api, dispatch, windowOps } from '../../core/api.js';
import { openSession, type Session } from '../core/api/helpers.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Opens a temp library and makes it the bridge the page's glossa() client calls (once per test file: the client is built once). */
export async function openWindowSession(): Promise<Session> {
  const s = await openSession();
  window.glossaBridge = {
    ops: [...windowOps],
    invoke: (name, input) => dispatch(api, s.ctx, name, input, { windowOnly: true }),
    onEvent: () => () => undefined,
  };
  return s;
}

export interface Drawn {
  root: HTMLElement;
  unmount(): void;
}

/** Draws the article (its pieces cut by `spans`) as the reader does, into the document. */
export async function drawArticle(opts: {
  snapshotId: string;
  text: string;
  title?: string;
  blocks: readonly Block[];
  images?: readonly SnapshotImage[];
  spans?: readonly Span[];
}): Promise<Drawn> {
  const host = document.createElement('div');
  document.body.append(host);
  const react: Root = createRoot(host);
  const spans = opts.spans ?? [];
  await act(async () => {
    react.render(
      <Article
        snapshotId={opts.snapshotId}
        text={opts.text}
        title={opts.title ?? ''}
        blocks={opts.blocks}
        images={opts.images ?? []}
        spans={spans}
        lanes={assignLanes(spans)}
        selectedId={null}
        figures={new Map()}
        onTagFigure={() => undefined}
        onSelectAnnotation={() => undefined}
        onClick={() => undefined}
        onMouseDown={() => undefined}
      />,
    );
  });
  const root = host.querySelector<HTMLElement>('article');
  if (!root) throw new Error('The article was not drawn.');
  return {
    root,
    unmount: () => {
      act(() => react.unmount());
      host.remove();
    },
  };
}
