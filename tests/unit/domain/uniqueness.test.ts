import { describe, expect, it } from 'vitest';
import { serviceCodeClash, usernameClash, windowNumberClash } from '../../../server/src/domain/index.js';

describe('uniqueness rules', () => {
  const matters = [
    { id: 's1', code: 'SB-01', name: '养老保险' },
    { id: 's2', code: 'YB-01', name: '医保' },
  ];

  it('finds the other matter of the hall using a code, never the matter itself', () => {
    expect(serviceCodeClash({ id: 'new', code: 'SB-01' }, matters)).toBe(matters[0]);
    expect(serviceCodeClash({ id: 's1', code: 'SB-01' }, matters)).toBeNull();
    expect(serviceCodeClash({ id: 's1', code: 'YB-01' }, matters)).toBe(matters[1]);
    expect(serviceCodeClash({ id: 'new', code: 'sb-01' }, matters)).toBeNull();
    expect(serviceCodeClash({ id: 'new', code: 'SB-01' }, [])).toBeNull();
  });

  it('finds the other window of the hall using a number, never the window itself', () => {
    const windows = [
      { id: 'w1', number: 1 },
      { id: 'w3', number: 3 },
    ];
    expect(windowNumberClash({ id: 'new', number: 3 }, windows)).toBe(windows[1]);
    expect(windowNumberClash({ id: 'w3', number: 3 }, windows)).toBeNull();
    expect(windowNumberClash({ id: 'w3', number: 1 }, windows)).toBe(windows[0]);
    expect(windowNumberClash({ id: 'new', number: 2 }, windows)).toBeNull();
  });

  it('finds the other account using a username, never the account itself', () => {
    const users = [{ id: 'u1', username: 'wang' }];
    expect(usernameClash({ id: 'u2', username: 'wang' }, users)).toBe(users[0]);
    expect(usernameClash({ id: 'u1', username: 'wang' }, users)).toBeNull();
    expect(usernameClash({ id: 'u2', username: 'li' }, users)).toBeNull();
  });
});
