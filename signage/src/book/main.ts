import { pickLang } from '@hall-queue/ui-shared/i18n.js';
import { installTokens, setTheme } from '@hall-queue/ui-shared/tokens.js';
import './booking-page.js';

/** /book/<hallId>: booking without an account; `?code=` opens a booking, `?theme=elder`, `?lang=en`. */
installTokens();
const params = new URLSearchParams(location.search);
if (params.get('theme') === 'elder') setTheme('elder');
const page = document.createElement('booking-page');
page.hallId = decodeURIComponent(location.pathname.replace(/^\/book\/?/, '').split('/')[0] ?? '');
page.initialCode = params.get('code') ?? '';
page.language = pickLang(location.search, localStorage.getItem('hall-lang'));
document.documentElement.lang = page.language === 'en' ? 'en' : 'zh-CN';
document.body.append(page);
