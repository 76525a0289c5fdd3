/** What the shared pieces of the window say (dialogs, chips, the shortcut sheet, the message bar), in each language. */
import { defineMessages } from '../i18n';

export const uiMessages = defineMessages({
  en: {
    dismissMessage: 'Dismiss message',
    shortcutsTitle: 'Keyboard shortcuts',
    /** Between two keys that do the same: "Enter or Ctrl+Enter". */
    or: ' or ',
    fieldsGroup: 'Fields',
    saveField: 'Save the field and go back to the article',
    saveFieldNotesKeys: 'Ctrl+Enter (notes)',
    revertField: 'Put back the saved value and go back to the article',
    nextField: 'Next field',
    pickSpeaker: 'Pick a speaker from the list',
    deletedTag: (id: string) => (id ? `Deleted tag ${id}` : 'Deleted tag'),
    tagKey: (key: string) => `key ${key}`,
    removeTag: (name: string) => `Remove tag ${name}`,
    /** A figure tagged on an image, in lists: "Image: Chart of arrests (area)". */
    imageText: (name: string, area: boolean) => `Image: ${name}${area ? ' (area)' : ''}`,
    untitledImage: 'untitled image',
    figureOnImage: 'figure on an image',
    /** Where a pasted article came from. */
    pastedText: 'Pasted text',
  },
  es: {
    dismissMessage: 'Descartar mensaje',
    shortcutsTitle: 'Atajos de teclado',
    or: ' o ',
    fieldsGroup: 'Campos',
    saveField: 'Guardar el campo y volver al artículo',
    saveFieldNotesKeys: 'Ctrl+Enter (notas)',
    revertField: 'Recuperar el valor guardado y volver al artículo',
    nextField: 'Campo siguiente',
    pickSpeaker: 'Elegir un hablante de la lista',
    deletedTag: (id: string) => (id ? `Etiqueta eliminada ${id}` : 'Etiqueta eliminada'),
    tagKey: (key: string) => `tecla ${key}`,
    removeTag: (name: string) => `Quitar la etiqueta ${name}`,
    imageText: (name: string, area: boolean) => `Imagen: ${name}${area ? ' (zona)' : ''}`,
    untitledImage: 'imagen sin título',
    figureOnImage: 'cifra en una imagen',
    pastedText: 'Texto pegado',
  },
});
