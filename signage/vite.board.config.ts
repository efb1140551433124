import { screenConfig } from '@hall-queue/ui-shared/vite-screen';

/** The lobby board, served by the hub at /signage/<hallId>. */
export default screenConfig(import.meta.url, 'board', '/signage/');
