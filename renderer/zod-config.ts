/**
 * The CSP forbids eval, so zod must not probe for it (the probe is a CSP violation report).
 * Its own module, imported first by main.tsx: zod decides when a schema is built, and the
 * app's schemas are built while the modules after this one load.
 */
import { z } from 'zod';

z.config({ jitless: true });
