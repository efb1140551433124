import type { KeypadProfile } from '../port.js';
import { keyboardProfile } from './keyboard.js';
import { vendorProfile } from './vendor.js';
import { wirelessProfile } from './wireless.js';

export { keyboardProfile, vendorProfile, wirelessProfile };
export { formatAddress } from './wireless.js';

export const PROFILES: Record<string, KeypadProfile> = {
  keyboard: keyboardProfile,
  vendor: vendorProfile,
  wireless: wirelessProfile,
};

export { PROFILE_NAMES, type ProfileName } from '../../../app/window-devices/keypad-contract.js';
