import { createContext } from '@lit/context';
import type { Lang } from '@hall-queue/ui-shared/i18n.js';
import type { T } from './messages.js';
import type { HallSummary, Session } from './session.js';

/** What every page of the console needs: who is signed in, the chosen hall, the words. */
export interface ConsoleContext {
  session: Session;
  hall: HallSummary;
  halls: HallSummary[];
  lang: Lang;
  t: T;
}

export const consoleContext = createContext<ConsoleContext>('admin-console');
