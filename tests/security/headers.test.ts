import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/hub.js';

/**
 * Every page and answer of the hub carries the security headers: a content
 * security policy (scripts from the hub only, no framing by other pages), no
 * Referer (status links carry their token), nosniff. None that would break a
 * hub reached by plain http on the hall's LAN (HSTS, upgrade-insecure-requests).
 */

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => t.close());

const PATHS = [
  '/',
  '/admin/',
  '/console/',
  '/kiosk/any-hall',
  '/signage/any-hall',
  '/t/some-token',
  '/api/v1/setup',
];

describe('security headers', () => {
  it.each(PATHS)('%s', async (path) => {
    const reply = await fetch(t.url + path);
    const csp = reply.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(reply.headers.get('x-frame-options')).toBe('DENY');
    expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('strict-transport-security')).toBeNull();
    expect(reply.headers.get('x-powered-by')).toBeNull();
  });
});
