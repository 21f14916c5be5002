// Waiting on the wall clock (realtime polls, watches, follows). The resident process never waits: a command that
// would is given back to its client (resident/handback.ts).
import { handBack } from './resident/handback.js';

export function sleep(ms: number): Promise<void> {
  handBack('it waits on the wall clock');
  return new Promise((r) => setTimeout(r, ms));
}
