// Entry of the server detector's thread: the workspace runs TypeScript through tsx (as the
// server itself does), so the thread registers it before loading its module.
import { register } from 'tsx/esm/api';

register();
await import('./server-detector.thread.ts');
