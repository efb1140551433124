import { screenConfig } from '../ui-shared/vite-screen.js';

/** The counter display and evaluator at a window, served by the hub at /counter/<windowId>. */
export default screenConfig(import.meta.url, 'counter', '/counter/');
