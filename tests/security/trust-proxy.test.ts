import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { Api } from '../helpers/api-fixtures.js';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * `X-Forwarded-For` names the client only when it was written by a proxy the
 * hub knows. Trusting it from anyone lets every request pick a new address and
 * so escape the per-address limits (issue, setup code, login).
 */
describe('TRUST_PROXY', () => {
  it('refuses "true": a hop count or proxy addresses are required', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: trusting every X-Forwarded-For/);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });

  it('accepts off, a hop count, and a list of addresses and subnets', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1,fd00::/8,loopback' }).TRUST_PROXY).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('names the entries that are not addresses', () => {
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.5,proxy.local' })).toThrow(/"proxy\.local"/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/"10\.0\.0\.0\/33"/);
    expect(() => loadConfig({ TRUST_PROXY: '11' })).toThrow(/hop count is at most 10/);
  });

  describe('on the wire', () => {
    const LIMIT = 3;
    let t: TestHub | undefined;
    afterEach(async () => t?.close());

    const status = (api: Api, forwardedFor: string) =>
      api.call('GET', '/api/v1/tickets/status/NoSuchToken123', undefined, {
        headers: { 'x-forwarded-for': forwardedFor },
      });

    it('with one proxy hop, a client cannot escape the limit by writing its own X-Forwarded-For entries', async () => {
      t = await startTestHub({ options: { rateLimitPerMinute: LIMIT, trustProxy: 1 } });
      const api = new Api(t.url);
      // The proxy appends the address it saw; what the client wrote comes before it.
      for (let i = 0; i < LIMIT; i += 1)
        expect((await status(api, `198.51.100.${i}, 203.0.113.9`)).status).toBe(404);
      expect((await status(api, '198.51.100.77, 203.0.113.9')).status).toBe(429);
      // Another client behind the same proxy has its own budget.
      expect((await status(api, '203.0.113.10')).status).toBe(404);
    });

    it('from an address that is not a listed proxy, X-Forwarded-For is ignored', async () => {
      t = await startTestHub({ options: { rateLimitPerMinute: LIMIT, trustProxy: ['10.0.0.5'] } });
      const api = new Api(t.url);
      for (let i = 0; i < LIMIT; i += 1) expect((await status(api, `198.51.100.${i}`)).status).toBe(404);
      expect((await status(api, '198.51.100.200')).status).toBe(429);
    });
  });
});
