/** Entry point of the window. window.glossaBridge comes from the preload (or the test bridge). */
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startEventPump } from './app/events';
import { startTheme } from './app/themeAtStart';
import { exposeClient, hasBridge, noBridgeText } from './client';
import './app/base.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

if (!hasBridge()) {
  // Opened outside the app (a plain browser, a dev server): say so instead of failing blankly.
  const note = document.createElement('p');
  note.className = 'no-bridge';
  // Before any settings are read (there is no bridge to read them through): in the computer's language.
  note.textContent = noBridgeText();
  root.replaceChildren(note);
} else {
  // Before the first render, so the page never shows in the other theme while settings load.
  startTheme();
  exposeClient();
  startEventPump();
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
