/** What the client says when the bridge to core is missing or broken, in each language. */
import { defineMessages } from '../i18n';

export const clientMessages = defineMessages({
  en: {
    /** The page opened outside the app (a plain browser, a dev server). */
    noBridge: 'This page is Glossa’s window and needs the app around it. Start Glossa with “npm start”.',
    unreadableAnswer: (name: string) => `Glossa's window got an unreadable answer to "${name}". Restart Glossa; if it happens again, report it.`,
  },
  es: {
    noBridge: 'Esta página es la ventana de Glossa y necesita la aplicación a su alrededor. Inicia Glossa con «npm start».',
    unreadableAnswer: (name: string) => `La ventana de Glossa recibió una respuesta ilegible a «${name}». Reinicia Glossa; si vuelve a ocurrir, infórmalo.`,
  },
});
