import { screenConfig } from '../ui-shared/vite-screen.js';

/** The public booking page on a phone (预约), served by the hub at /book/<hallId>. */
export default screenConfig(import.meta.url, 'book', '/book/');
