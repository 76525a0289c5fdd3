/** Which language the window speaks for a choice in Settings and the computer's languages. */
import { describe, expect, it } from 'vitest';
import { interfaceLanguage } from '../../../core/common/languages.js';

describe('the interface language', () => {
  it('is the one chosen, whatever the computer speaks', () => {
    expect(interfaceLanguage('es', ['en-GB'])).toBe('es');
    expect(interfaceLanguage('en', ['es-MX'])).toBe('en');
  });

  it('follows the first of the computer’s languages Glossa speaks, by base language and in any case', () => {
    expect(interfaceLanguage('system', ['es-AR', 'en-US'])).toBe('es');
    expect(interfaceLanguage('system', ['de-DE', 'ES_es', 'en'])).toBe('es');
    expect(interfaceLanguage('system', ['de-DE', 'en-US', 'es'])).toBe('en');
  });

  it('is English when the computer speaks none of them, or says nothing', () => {
    expect(interfaceLanguage('system', ['fr-FR', 'de'])).toBe('en');
    expect(interfaceLanguage('system', [])).toBe('en');
    expect(interfaceLanguage('system', ['', 'x'])).toBe('en');
  });
});
