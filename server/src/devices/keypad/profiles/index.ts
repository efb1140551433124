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

export const PROFILE_NAMES = ['keyboard', 'vendor', 'wireless'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];
