import type { Device } from '../domain/entities.js';
import { EVALUATION_SETTING_KEY } from '../app/evaluations/settings.js';
import { TICKET_LAYOUT_KEY } from '../app/printing/ticket-layout.js';
import { RECTIFICATION_SETTING } from '../app/rectification/settings.js';
import { SIGNAGE_SETTING } from '../app/signage/settings.js';

/**
 * The named settings a hall may have. The port reads settings by key, so the
 * export asks for each of these; a test compares the list with every key an
 * SQLite file holds, so a setting added later cannot be left out unnoticed.
 */
export function hallSettingKeys(devices: readonly Device[]): string[] {
  return [
    SIGNAGE_SETTING,
    TICKET_LAYOUT_KEY,
    EVALUATION_SETTING_KEY,
    RECTIFICATION_SETTING,
    // What each printer and keypad last reported (server/src/app/printing, app/window-devices).
    ...devices.flatMap((d) => [`printer-status:${d.id}`, `keypad-presence:${d.id}`]),
  ];
}
