/**
 * Files, folders and links dropped anywhere on the window are imported: files as bytes (the
 * page never sees a path), links captured by the main process.
 */
import { useEffect, useRef, useState } from 'react';
import { captureUrls } from '../features/capture/captureUrl';
import { filesOfDrop, linksOfDrop } from '../features/capture/dropped';
import { importFileList } from '../features/library/importFiles';
import { useMessages } from '../i18n';
import { appMessages } from './messages';
import { navigate } from './route';

const hasFiles = (e: DragEvent) => {
  const types = e.dataTransfer?.types ?? [];
  return types.includes('Files') || types.includes('text/uri-list');
};

async function importDrop(data: DataTransfer): Promise<void> {
  // Read everything now: a DataTransfer is emptied once the drop handler returns.
  const links = data.types.includes('Files') ? [] : linksOfDrop(data);
  const files = filesOfDrop(data);
  const picked = await files;
  if (picked.length === 0 && links.length === 0) return;
  navigate({ view: 'library' });
  if (picked.length) await importFileList(picked);
  if (links.length) await captureUrls(links);
}

export function DropTarget() {
  const [active, setActive] = useState(false);
  const depth = useRef(0);
  const m = useMessages(appMessages);

  useEffect(() => {
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setActive(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setActive(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setActive(false);
      if (e.dataTransfer) void importDrop(e.dataTransfer);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  if (!active) return null;
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-card">{m.dropHere}</div>
    </div>
  );
}
