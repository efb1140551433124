import { screenConfig } from '@hall-queue/ui-shared/vite-screen';

/** The clerk console, served by the hub at /console/. */
export default screenConfig(import.meta.url, 'console', '/console/');
