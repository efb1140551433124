import { screenConfig } from '@hall-queue/ui-shared/vite-screen';

/** The citizen's ticket page on a phone (QR on the ticket), served by the hub at /t/<statusToken>. */
export default screenConfig(import.meta.url, 'phone', '/t/');
