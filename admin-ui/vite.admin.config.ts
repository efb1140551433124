import { screenConfig } from '@hall-queue/ui-shared/vite-screen';

/** The admin and supervisor console, served by the hub at /admin/. */
export default screenConfig(import.meta.url, 'admin', '/admin/', {
  // Chart.js makes the bundle larger than Vite's default warning size; it is one file served on the LAN.
  chunkSizeWarningLimit: 1024,
});
