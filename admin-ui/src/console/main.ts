import { pickLang } from '@hall-queue/ui-shared/i18n.js';
import { installTokens, setTheme } from '@hall-queue/ui-shared/tokens.js';
import './clerk-console.js';

/** /console: the clerk's window console. `?lang=en` for English, `?theme=elder` for large type. */
installTokens();
const params = new URLSearchParams(location.search);
if (params.get('theme') === 'elder') setTheme('elder');
const app = document.createElement('clerk-console');
app.language = pickLang(location.search, localStorage.getItem('hall-lang'));
document.documentElement.lang = app.language === 'en' ? 'en' : 'zh-CN';
document.body.append(app);
