/**
 * Words many folders show: the kinds of annotation and the buttons every dialog has. A folder's
 * own sentences stay in its own messages.ts.
 */
import type { AnnotationKind } from '../../core/model';
import { defineMessages } from '.';

export const commonMessages = defineMessages({
  en: {
    cancel: 'Cancel',
    close: 'Close',
    save: 'Save',
    delete: 'Delete',
    remove: 'Remove',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    back: 'Back',
    done: 'Done',
    retry: 'Try again',
    loading: 'Loading…',
    /** A kind on its own: a button, a heading. */
    kindLabel: { quote: 'Quote', claim: 'Claim', figure: 'Figure', note: 'Note' } as Record<AnnotationKind, string>,
    /** A kind in running text ("tag quote"). */
    kindName: { quote: 'quote', claim: 'claim', figure: 'figure', note: 'note' } as Record<AnnotationKind, string>,
    /** A stored quote type in running text and lists. */
    quoteTypeName: { direct: 'direct', indirect: 'indirect', mixed: 'mixed' } as Record<string, string>,
    /** A stored verdict in running text and lists (the value itself stays in the file and in filters). */
    verdictName: {
      unverified: 'unverified',
      supported: 'supported',
      disputed: 'disputed',
      false: 'false',
      misleading: 'misleading',
      unsupported: 'unsupported',
    } as Record<string, string>,
    /** Several of a kind, with their count. */
    kindCount: (kind: AnnotationKind, n: string, one: boolean) =>
      `${n} ${one ? kind : { quote: 'quotes', claim: 'claims', figure: 'figures', note: 'notes' }[kind]}`,
  },
  es: {
    cancel: 'Cancelar',
    close: 'Cerrar',
    save: 'Guardar',
    delete: 'Eliminar',
    remove: 'Quitar',
    edit: 'Editar',
    undo: 'Deshacer',
    redo: 'Rehacer',
    back: 'Volver',
    done: 'Hecho',
    retry: 'Reintentar',
    loading: 'Cargando…',
    kindLabel: { quote: 'Cita', claim: 'Afirmación', figure: 'Cifra', note: 'Nota' },
    kindName: { quote: 'cita', claim: 'afirmación', figure: 'cifra', note: 'nota' },
    quoteTypeName: { direct: 'directa', indirect: 'indirecta', mixed: 'mixta' },
    verdictName: {
      unverified: 'sin verificar',
      supported: 'respaldada',
      disputed: 'discutida',
      false: 'falsa',
      misleading: 'engañosa',
      unsupported: 'sin respaldo',
    },
    kindCount: (kind: AnnotationKind, n: string, one: boolean) =>
      `${n} ${(one ? { quote: 'cita', claim: 'afirmación', figure: 'cifra', note: 'nota' } : { quote: 'citas', claim: 'afirmaciones', figure: 'cifras', note: 'notas' })[kind]}`,
  },
});
