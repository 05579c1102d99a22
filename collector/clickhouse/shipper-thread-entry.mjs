// Worker threads do not inherit the main thread's tsx hooks (nor take --import in execArgv on
// Node 20), so the shipper thread registers tsx itself before loading its TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./shipper-thread.ts');
