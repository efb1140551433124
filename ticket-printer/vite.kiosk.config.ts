import { screenConfig } from '../ui-shared/vite-screen.js';

/** The ticket machine's touch screen, served by the hub at /kiosk/<hallId>. */
export default screenConfig(import.meta.url, 'kiosk', '/kiosk/');
