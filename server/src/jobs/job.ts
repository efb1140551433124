import type { AppDeps } from '../app/index.js';

/** One scheduled job: its name, how often it runs, and what it does. */
export interface Job {
  name: string;
  everyMs: number;
  perform(deps: AppDeps): Promise<void>;
}
