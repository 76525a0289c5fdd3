/**
 * File ▸ Import Bundle…, Import Annotations…, Export… from the native menu: the main process
 * sends the command, the page opens its own dialogs (the same as the library's buttons).
 * Mounted once by the shell; without the native menu (the test bridge) it renders nothing.
 */
import { useEffect, useRef } from 'react';
import { glossa } from '../../glossa';
import { useBundleDialogs } from './useBundleDialogs';

export function BundleCommands() {
  const dialogs = useBundleDialogs();
  const latest = useRef(dialogs);
  latest.current = dialogs;

  useEffect(
    () =>
      glossa().onCommand?.((command) => {
        const { type } = command;
        if (type === 'export') latest.current.openExport();
        else if (type === 'import-bundle') void latest.current.importBundle();
        else if (type === 'import-annotations') void latest.current.importExchange();
      }),
    [],
  );

  return dialogs.element;
}
