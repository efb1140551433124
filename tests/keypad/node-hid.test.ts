import { describe, expect, it } from 'vitest';
import { loadNodeHid, nodeHidBinding } from '../../server/src/devices/keypad/node-hid-binding.js';

describe('the real node-hid module', () => {
  it('loads and enumerates (this machine has no HID device: an empty list is right)', async () => {
    const hid = loadNodeHid();
    expect(typeof hid.getHidapiVersion()).toBe('string');
    const sync = hid.devices();
    expect(Array.isArray(sync)).toBe(true);
    const listed = await nodeHidBinding(hid).devicesAsync();
    expect(Array.isArray(listed)).toBe(true);
    for (const d of listed) expect(typeof d.vendorId).toBe('number');
  });

  it('refuses to open a path that is not a device, with an error', async () => {
    await expect(nodeHidBinding().open('/dev/null-not-a-hid-device')).rejects.toThrow();
  });
});
