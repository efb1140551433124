import type { FirstAdminSetup } from '../app/index.js';
import type { TrustProxy } from '../config.js';
import type { RealtimeHub } from '../realtime/index.js';
import type { HubVoice } from '../voice/espeak.js';

export interface HttpOptions {
  setup: FirstAdminSetup;
  realtime: RealtimeHub;
  /** Per IP and route, for the public routes (issue, status, reactivate, login, setup). */
  rateLimitPerMinute: number;
  /** Express `trust proxy`: false, a hop count, or proxy addresses/subnets (config.ts checks them). */
  trustProxy: TrustProxy;
  publicUrl?: string;
  /**
   * Called after a device's token is revoked or the device deleted, after
   * `realtime.disconnectDevice` has dropped its sockets: for anything else
   * that holds device connections (print agents). The change is also on the
   * bus as a `config.changed` event with
   * `data: { entity: 'device', action: 'revoked' | 'deleted', deviceId }`.
   */
  onDeviceRevoked?: (deviceId: string) => void;
  /** How the hub voices call-outs for boards without a browser voice; defaults to `hubVoice` (auto). */
  voice?: HubVoice;
}
