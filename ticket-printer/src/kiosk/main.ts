import { pickLang } from '@hall-queue/ui-shared/i18n.js';
import { installTokens } from '@hall-queue/ui-shared/tokens.js';
import './kiosk-app.js';

/**
 * /kiosk/<hallId>[?token=dev_…&idle=60&lang=en]. A device token in the URL
 * is kept in localStorage and removed from the address bar, so it is not left
 * on screen or in the browser history.
 */
const TOKEN_KEY = 'kiosk-token';

installTokens();
const url = new URL(location.href);
const fromUrl = url.searchParams.get('token');
if (fromUrl?.startsWith('dev_')) {
  localStorage.setItem(TOKEN_KEY, fromUrl);
  url.searchParams.delete('token');
  history.replaceState(null, '', url.pathname + url.search + url.hash);
}
const app = document.createElement('kiosk-app');
app.hallId =
  decodeURIComponent(location.pathname.replace(/^\/kiosk\/?/, '').split('/')[0] ?? '') || 'yinchuan';
app.token = localStorage.getItem(TOKEN_KEY);
app.language = pickLang(location.search, null);
document.documentElement.lang = app.language === 'en' ? 'en' : 'zh-CN';
const idle = Number(url.searchParams.get('idle'));
if (Number.isFinite(idle) && idle >= 5) app.idleSeconds = idle;
document.body.append(app);
