/** What an article's image says (its controls, its outlined figures, its placeholder), in each language. */
import { defineMessages } from '../../i18n';

export const imageMessages = defineMessages({
  en: {
    /** An image with neither alt text nor caption. */
    image: 'Image',
    taggable: (name: string) => `${name}: press Enter to tag it as a figure, or draw an area with the mouse`,
    /** A figure's label on the image; `where` is `area` or `wholeImage`. */
    figureOn: (n: number, name: string, where: string) => `Figure ${n} on ${name}: ${where}`,
    area: (x: string, y: string, w: string, h: string) => `area ${x} across, ${y} down, ${w} wide, ${h} high`,
    wholeImage: 'whole image',
    unavailable: (error: string) => `Image unavailable: ${error}`,
    loading: 'Loading image…',
    tagFigure: 'Tag figure',
    tagArea: 'Tag this area',
    clearArea: 'Clear area',
    dragHint: 'or drag across the image to mark an area',
  },
  es: {
    image: 'Imagen',
    taggable: (name: string) => `${name}: pulsa Enter para etiquetarla como cifra, o dibuja un área con el ratón`,
    figureOn: (n: number, name: string, where: string) => `Cifra ${n} en ${name}: ${where}`,
    area: (x: string, y: string, w: string, h: string) => `área a ${x} del borde izquierdo y ${y} del superior, de ${w} de ancho y ${h} de alto`,
    wholeImage: 'imagen completa',
    unavailable: (error: string) => `Imagen no disponible: ${error}`,
    loading: 'Cargando imagen…',
    tagFigure: 'Etiquetar cifra',
    tagArea: 'Etiquetar esta área',
    clearArea: 'Borrar área',
    dragHint: 'o arrastra sobre la imagen para marcar un área',
  },
});
