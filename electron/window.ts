/** The main window: sandboxed, isolated, no Node, strict CSP, no way to navigate or open windows. */
import { join } from 'node:path';
import { BrowserWindow, app, shell, type Session, type WebContents } from 'electron';
import { OPS_ARG } from './channels.js';
import { APP_ENTRY, isAllowedRequestUrl, isSafeExternalUrl } from './security.js';

export function createMainWindow(opNames: readonly string[]): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 760,
    minHeight: 480,
    show: false,
    title: 'Glossa',
    backgroundColor: '#ffffff',
    icon: join(app.getAppPath(), 'assets', 'icon.png'),
    webPreferences: {
      preload: join(app.getAppPath(), 'dist', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click (auxclick) on a link would otherwise bypass will-navigate and open it.
      disableBlinkFeatures: 'Auxclick',
      additionalArguments: [OPS_ARG + opNames.join(',')],
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
  return win;
}

/**
 * Applied to every web contents the app ever creates: no navigation away from the app,
 * no new windows (http(s) links go to the system browser), no <webview>.
 */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

function openExternally(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
}

/** Deny every permission (camera, notifications, clipboard read…) and every remote request. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequestUrl(details.url) }));
}
