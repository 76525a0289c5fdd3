/** An image of the article, drawn from the library's copy, with its caption kept by the snapshot. */
import type { SnapshotImage } from '../../../core/model';
import { useImage } from './useImage';
import './images.css';

export function ArticleImage({ snapshotId, image }: { snapshotId: string; image: SnapshotImage }) {
  const { url, error } = useImage(snapshotId, image.hash);
  return (
    <figure className="article-image" data-image-hash={image.hash} contentEditable={false}>
      {url ? (
        <img src={url} alt={image.alt} />
      ) : (
        <div className="article-image-placeholder" role="img" aria-label={image.alt || 'Image'}>
          {error ? `Image unavailable: ${error}` : 'Loading image…'}
        </div>
      )}
    </figure>
  );
}
