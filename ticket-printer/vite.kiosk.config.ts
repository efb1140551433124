import { screenConfig } from '@hall-queue/ui-shared/vite-screen';

/** The ticket machine's touch screen, served by the hub at /kiosk/<hallId>. */
export default screenConfig(import.meta.url, 'kiosk', '/kiosk/');
