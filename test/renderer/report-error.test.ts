// @vitest-environment happy-dom
/**
 * A failure from core in the message bar: in English, the window's lead and core's own
 * explanation; in Spanish, the lead and what the code means in Spanish first, core's English
 * explanation kept after it as the detail. A failure without a code shows as it came.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { explainError, messages, reportError } from '../../renderer/app/messages';
import { ClientError } from '../../renderer/client/errors';
import { setLanguage } from '../../renderer/i18n';

const last = () => messages.get().at(-1);

afterEach(() => {
  setLanguage('en');
  messages.set([]);
});

describe('a failure in the message bar', () => {
  it('reads in English as core explains it, with its code', () => {
    reportError(new ClientError('EMPTY_FILE', 'notes.txt is empty (0 bytes); nothing was imported.'), 'Could not import notes.txt');
    expect(last()).toMatchObject({
      tone: 'error',
      code: 'EMPTY_FILE',
      text: 'Could not import notes.txt: notes.txt is empty (0 bytes); nothing was imported.',
    });
  });

  it('says in Spanish what the code means, keeping core’s explanation as the detail', () => {
    setLanguage('es');
    reportError(new ClientError('AUTH_FAILED', 'https://git.example.org/desk refused the credentials (HTTP 401).'), 'No se pudo sincronizar');
    expect(last()).toMatchObject({
      code: 'AUTH_FAILED',
      text: 'No se pudo sincronizar: El servidor git rechazó el token de acceso: falta, es incorrecto o caducó. (Detalle, en inglés: https://git.example.org/desk refused the credentials (HTTP 401).)',
    });
  });

  it('shows a failure without a code as it came, in either language', () => {
    setLanguage('es');
    reportError(new Error('Something odd happened.'));
    expect(last()?.text).toBe('Something odd happened.');
    reportError(new ClientError('SOMETHING_NEW', 'A newer core said so.'), 'No se pudo guardar');
    expect(last()?.text).toBe('No se pudo guardar: A newer core said so.');
  });

  it('reads the same where a result lists core’s explanation (an import’s file, the sync panel)', () => {
    const why = '"empty.txt" is empty (0 bytes): there is no text to import.';
    expect(explainError('EMPTY_FILE', why)).toBe(why);
    setLanguage('es');
    expect(explainError('EMPTY_FILE', why)).toBe(`El archivo está vacío. (Detalle, en inglés: ${why})`);
    expect(explainError(undefined, why)).toBe(why);
  });
});
