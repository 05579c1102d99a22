#!/usr/bin/env node
// The collector is TypeScript run through tsx, so a checkout needs no build step to start.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
