import { screenConfig } from '@hall-queue/ui-shared/vite-screen';

/** The counter display and evaluator at a window, served by the hub at /counter/<windowId>. */
export default screenConfig(import.meta.url, 'counter', '/counter/');
