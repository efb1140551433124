import { createContext } from '@lit/context';
import type { translator } from '@hall-queue/ui-shared/i18n.js';
import type { BoardKey } from './messages.js';

/** The board's translator, provided by `hall-board` to every part of the screen. */
export type BoardT = ReturnType<typeof translator<BoardKey>>;
export const boardT = createContext<BoardT>('board-t');
