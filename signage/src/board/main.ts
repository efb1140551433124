import { pickLang } from '@hall-queue/ui-shared/i18n.js';
import { installTokens } from '@hall-queue/ui-shared/tokens.js';
import { resolveSource } from './board-config.js';
import './hall-board.js';

/** Start-up: tokens, language, which board this is (hall id or device token), then the board. */
installTokens();
const board = document.createElement('hall-board');
board.source = resolveSource();
board.language = pickLang(location.search, localStorage.getItem('hall-lang'));
document.documentElement.lang = board.language === 'en' ? 'en' : 'zh-CN';
const offline = Number(new URLSearchParams(location.search).get('offline'));
if (Number.isFinite(offline) && offline > 0) board.offlineAfter = offline;
document.body.append(board);
