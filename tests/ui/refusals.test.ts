import { describe, expect, it } from 'vitest';
import { ERROR_TYPES } from '../../server/src/http/errors.js';
import { DOMAIN_ERROR_CODES } from '../../server/src/domain/index.js';
import { REALTIME_ERROR_CODES } from '../../server/src/protocol/names.js';
import { ApiError } from '../../ui-shared/src/api.js';
import { ISSUE_CODES, REFUSALS, issueText, refusalText } from '../../ui-shared/src/refusals.js';

/**
 * Every refusal the hub can send reads in Chinese on every screen: no English
 * sentence and no raw code. Latin letters in a zh text may only be a ticket
 * number the hub passed as a parameter.
 */

const SAMPLE_PARAMS: Record<string, unknown>[] = [
  {},
  { number: 'A004', status: 'called', allowed: ['serving'], action: 'hold' },
  { category: 'urgent' },
  { status: 'no_show' },
  { state: 'open' },
  { callCount: 3, recallLimit: 2, number: 'B012' },
  { status: 'checked_in', subject: 'booking', action: 'check_in' },
  { status: 'missed', subject: 'booking' },
];

function refusal(code: string, params: Record<string, unknown>): ApiError {
  return new ApiError(409, code, 'Ticket A004 is called; hold needs it to be serving.', [], params);
}

describe('the shared refusal catalogue', () => {
  it('has a text for every code the hub can answer with, over HTTP and Socket.IO', () => {
    const codes = [...Object.keys(ERROR_TYPES), ...DOMAIN_ERROR_CODES, ...REALTIME_ERROR_CODES];
    const missing = codes.filter((c) => !(c in REFUSALS));
    expect(missing).toEqual([]);
  });

  it('words every code in Chinese without English or the code itself, whatever the params', () => {
    for (const code of Object.keys(REFUSALS)) {
      for (const params of SAMPLE_PARAMS) {
        const zh = refusalText(refusal(code, params), 'zh');
        const withoutNumbers = zh.replace(/[A-Z]{1,3}\d{1,6}/g, '');
        expect(withoutNumbers, `${code} ${JSON.stringify(params)}: ${zh}`).not.toMatch(/[A-Za-z]/);
        expect(zh.length, code).toBeGreaterThan(3);
        const en = refusalText(refusal(code, params), 'en');
        expect(en, code).toMatch(/[A-Za-z]/);
      }
    }
  });

  it('names the ticket and its state in a wrong-state refusal, and the category of a staff-only priority', () => {
    expect(refusalText(refusal('invalid_state', SAMPLE_PARAMS[1]!), 'zh')).toBe(
      'A004 号当前已呼叫，不能进行此操作',
    );
    expect(refusalText(refusal('priority_staff_only', { category: 'urgent' }), 'zh')).toContain('急事急办');
  });

  it('counts the bookings still to come, and the past ones a hall keeps, when a delete is refused', () => {
    const upcoming = refusal('upcoming_bookings', { bookings: 3, lastDay: '2026-12-20' });
    expect(refusalText(upcoming, 'zh')).toBe(
      '还有 3 个尚未到期的预约（最晚一个在 2026-12-20），不能删除；请先关闭预约，待这些预约日期过后再删除',
    );
    expect(refusalText(upcoming, 'en')).toContain('3 bookings are still to come (the last on 2026-12-20)');
    const kept = refusal('conflict', { services: 0, tickets: 0, bookings: 2 });
    expect(refusalText(kept, 'zh')).toBe('仍有 2 个预约记录，作为记录保留，不能删除');
  });

  it('says a booking scanned twice is already checked in, and names the state of a booking otherwise', () => {
    expect(refusalText(refusal('invalid_state', SAMPLE_PARAMS[6]!), 'zh')).toBe(
      '该预约已签到取号，不能重复签到',
    );
    expect(refusalText(refusal('invalid_state', SAMPLE_PARAMS[6]!), 'en')).toContain('already checked in');
    expect(refusalText(refusal('invalid_state', SAMPLE_PARAMS[7]!), 'zh')).toBe(
      '该预约已过期未签到，不能进行此操作',
    );
  });

  it('words a Socket.IO refusal (an acknowledgement error or a refused connection) from its code, not its message', () => {
    const ack = {
      code: 'invalid_state',
      message: 'Ticket A004 is called.',
      params: { number: 'A004', status: 'called' },
    };
    expect(refusalText(ack, 'zh')).toBe('A004 号当前已呼叫，不能进行此操作');
    const connect = Object.assign(new Error('forbidden'), {
      data: { code: 'forbidden', message: 'You may not.' },
    });
    expect(refusalText(connect, 'zh')).toBe('没有权限进行此操作');
  });

  it('reads an unknown code and a network failure as Chinese too, never as the code', () => {
    expect(refusalText(refusal('something_new', {}), 'zh')).not.toMatch(/[A-Za-z]/);
    expect(refusalText(new TypeError('Failed to fetch'), 'zh')).toBe('无法连接叫号系统，请检查网络');
  });

  it('words every field problem of a refused form or import file in Chinese', () => {
    const params = [{}, { value: 'SB001', row: 2 }, { minimum: 1, maximum: 480, origin: 'number' }];
    for (const code of [...ISSUE_CODES, 'something_new']) {
      for (const p of params) {
        for (const path of ['services.3.prefix', 'windows.1.services.0', 'hall.timeZone', 'strange']) {
          const zh = issueText({ path, code, params: p }, 'zh');
          expect(zh.replace(/[A-Z]{1,3}\d{1,6}/g, ''), `${code} ${path}: ${zh}`).not.toMatch(/[A-Za-z]/);
        }
      }
    }
    expect(
      issueText(
        { path: 'services.2.code', code: 'duplicate_code', params: { value: 'SB001', row: 1 } },
        'zh',
      ),
    ).toBe('编码SB001 与第 1 行重复');
  });
});
