import { pickLang } from '@hall-queue/ui-shared/i18n.js';
import { installTokens, setTheme } from '@hall-queue/ui-shared/tokens.js';
import './counter-screen.js';

/**
 * /counter/<windowId>?token=dev_…: the token of the window's display or
 * evaluator device is kept in this browser and removed from the address bar,
 * so it is typed once when the screen is installed.
 */
installTokens();
const params = new URLSearchParams(location.search);
if (params.get('theme') === 'elder') setTheme('elder');
const windowId = decodeURIComponent(location.pathname.replace(/^\/counter\/?/, '').split('/')[0] ?? '');
const key = `counter-token:${windowId}`;
const fromUrl = params.get('token');
if (fromUrl) {
  localStorage.setItem(key, fromUrl);
  params.delete('token');
  history.replaceState(null, '', location.pathname + (params.size ? `?${params}` : ''));
}
const screen = document.createElement('counter-screen');
screen.windowId = windowId;
screen.token = localStorage.getItem(key) ?? '';
screen.language = pickLang(location.search, localStorage.getItem('hall-lang'));
document.documentElement.lang = screen.language === 'en' ? 'en' : 'zh-CN';
document.body.append(screen);
