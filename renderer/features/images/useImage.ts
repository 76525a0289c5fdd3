/**
 * A snapshot's image as an object URL. The bytes come from the library through window.glossa
 * (never from the network), so pictures show offline and the page's CSP stays 'self' + blob:.
 */
import { useEffect, useState } from 'react';
import { glossa } from '../../glossa';

export function useImage(snapshotId: string, hash: string): { url: string | null; error: string | null } {
  const [state, setState] = useState<{ url: string | null; error: string | null }>({ url: null, error: null });
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    glossa()
      .getImage({ snapshotId, hash })
      .then(({ mediaType, data }) => {
        if (!live) return;
        url = URL.createObjectURL(new Blob([data as Uint8Array<ArrayBuffer>], { type: mediaType }));
        setState({ url, error: null });
      })
      .catch((e: Error) => live && setState({ url: null, error: e.message }));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [snapshotId, hash]);
  return state;
}
