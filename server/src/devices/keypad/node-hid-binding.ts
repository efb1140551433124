import { createRequire } from 'node:module';
import type * as NodeHidModule from 'node-hid';
import type { HidBinding, HidDeviceInfo, HidHandle } from './port.js';

/**
 * The real binding: node-hid 3 (prebuilt binaries; on Linux it needs
 * libusb-1.0 and reads through hidraw). Loaded lazily, so a hub without
 * keypads never loads the native module.
 */

type NodeHid = typeof NodeHidModule;

let loaded: NodeHid | null = null;

export function loadNodeHid(): NodeHid {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    loaded = require('node-hid') as NodeHid;
    // hidraw sees every HID interface, keyboards included; libusb would detach kernel drivers.
    if (process.platform === 'linux') loaded.setDriverType('hidraw');
  }
  return loaded;
}

export function nodeHidBinding(hid: NodeHid = loadNodeHid()): HidBinding {
  return {
    async devicesAsync(): Promise<HidDeviceInfo[]> {
      return hid.devicesAsync();
    },
    async open(path: string): Promise<HidHandle> {
      const device = await hid.HIDAsync.open(path, { nonExclusive: true });
      return device as unknown as HidHandle;
    },
  };
}
