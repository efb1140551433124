import { screenConfig } from '../ui-shared/vite-screen.js';

/** The clerk console, served by the hub at /console/. */
export default screenConfig(import.meta.url, 'console', '/console/');
