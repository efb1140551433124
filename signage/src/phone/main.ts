import { pickLang } from '@hall-queue/ui-shared/i18n.js';
import { installTokens, setTheme } from '@hall-queue/ui-shared/tokens.js';
import './ticket-page.js';

/** /t/<statusToken>: the token from the ticket's QR code is the page's only key. `?theme=elder`, `?lang=en`. */
installTokens();
const params = new URLSearchParams(location.search);
if (params.get('theme') === 'elder') setTheme('elder');
const page = document.createElement('ticket-page');
page.token = decodeURIComponent(location.pathname.replace(/^\/t\/?/, '').split('/')[0] ?? '');
page.language = pickLang(location.search, localStorage.getItem('hall-lang'));
document.documentElement.lang = page.language === 'en' ? 'en' : 'zh-CN';
document.body.append(page);
