/** What capturing a web page by its address says, in each language. */
import { defineMessages } from '../../i18n';

export const captureMessages = defineMessages({
  en: {
    title: 'Capture a web page',
    capture: 'Capture',
    capturing: 'Capturing…',
    address: 'Address of the article',
    addressPlaceholder: 'https://…',
    hint: 'Glossa downloads the page and its pictures once and keeps them on this computer. Capturing the same address again later keeps both versions and shows what changed.',
  },
  es: {
    title: 'Capturar una página web',
    capture: 'Capturar',
    capturing: 'Capturando…',
    address: 'Dirección del artículo',
    addressPlaceholder: 'https://…',
    hint: 'Glossa descarga la página y sus imágenes una sola vez y las guarda en este ordenador. Si más adelante vuelves a capturar la misma dirección, se conservan ambas versiones y se muestra qué ha cambiado.',
  },
});
