import { screenConfig } from '../ui-shared/vite-screen.js';

/** The lobby board, served by the hub at /signage/<hallId>. */
export default screenConfig(import.meta.url, 'board', '/signage/');
