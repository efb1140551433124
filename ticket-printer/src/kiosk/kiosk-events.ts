import type { KioskService } from './kiosk-api.js';

/** Events the kiosk's steps send up to the app (typed through ui-shared's fireEvent). */
declare module '@hall-queue/ui-shared/fire-event.js' {
  interface HallEvents {
    'kiosk-pick': { service: KioskService };
    'kiosk-priority': { categories: string[]; assistance: boolean };
    'kiosk-appointment': { code: string | null };
    'kiosk-back': Record<string, never>;
    'kiosk-done': Record<string, never>;
    'kiosk-reprint': Record<string, never>;
  }
}

export {};
