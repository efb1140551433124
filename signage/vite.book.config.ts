import { screenConfig } from '@hall-queue/ui-shared/vite-screen';

/** The public booking page on a phone (预约), served by the hub at /book/<hallId>. */
export default screenConfig(import.meta.url, 'book', '/book/');
