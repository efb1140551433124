import { pickLang } from '@hall-queue/ui-shared/i18n.js';
import { installTokens, setTheme } from '@hall-queue/ui-shared/tokens.js';
import './admin-app.js';

/** /admin: the admin and supervisor console. `?lang=en` or the language button switch to English. */
installTokens();
if (
  new URLSearchParams(location.search).get('theme') === 'elder' ||
  localStorage.getItem('admin-theme') === 'elder'
)
  setTheme('elder');
const app = document.createElement('admin-app');
app.language = pickLang(location.search, localStorage.getItem('hall-lang'));
document.documentElement.lang = app.language === 'en' ? 'en' : 'zh-CN';
document.body.append(app);
