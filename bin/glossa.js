#!/usr/bin/env node
// The glossa CLI runs its TypeScript sources through tsx (a runtime dependency), so the
// command line and the app always execute the same core/ code with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
