import { describe, expect, it } from 'vitest';
import {
  chineseNumber,
  readTicketNumberAsNumber,
  spellTicketNumber,
  spokenText,
  templateProblem,
} from '../../server/src/voice/spoken.js';

describe('how a call-out is read aloud', () => {
  it('reads the ticket number letter by letter and digit by digit', () => {
    expect(spellTicketNumber('A023')).toBe('A 零 二 三');
    expect(spellTicketNumber('gb100')).toBe('G B 一 零 零');
  });

  it('reads the window number as a number', () => {
    expect([1, 3, 10, 12, 20, 21, 100, 105, 110, 1001].map(chineseNumber)).toEqual([
      '一',
      '三',
      '十',
      '十二',
      '二十',
      '二十一',
      '一百',
      '一百零五',
      '一百一十',
      '一千零一',
    ]);
  });

  it('turns the hub voice text into the spoken words, keeping 重呼', () => {
    expect(spokenText('请A023号到3号窗口办理')).toBe('请 A 零 二 三 号，到 三 号窗口办理');
    expect(spokenText('重呼，请B105号到12号窗口办理')).toBe('重呼，请 B 一 零 五 号，到 十二 号窗口办理');
  });

  it('leaves other text as it is', () => {
    expect(spokenText('欢迎光临')).toBe('欢迎光临');
  });
});

describe("the hall's call-out sentence and number reading", () => {
  it('fills {号码} and {窗口} (or {number} and {window}) into the hall sentence', () => {
    expect(spokenText('请A023号到3号窗口办理', { template: '请{号码}号顾客到{窗口}号窗口' })).toBe(
      spokenText('请A023号到3号窗口办理', { template: '请{number}号顾客到{window}号窗口' }),
    );
    expect(templateProblem('请{号码}号到{窗口}号窗口办理')).toBeNull();
    expect(templateProblem('{号码}{number}')).not.toBeNull();
    expect(spokenText('请A023号到3号窗口办理', { template: '请{number}号顾客到{window}号窗口' })).toBe(
      '请 A 零 二 三 号顾客到 三 号窗口',
    );
    expect(spokenText('重呼，请A023号到3号窗口办理', { template: '{number}号请到前台' })).toBe(
      '重呼，A 零 二 三 号请到前台',
    );
  });

  it('reads the ticket as a number when the hall says so', () => {
    expect(readTicketNumberAsNumber('A023')).toBe('A 二十三');
    expect(readTicketNumberAsNumber('GB105')).toBe('G B 一百零五');
    expect(spokenText('请A023号到12号窗口办理', { numberReading: 'number' })).toBe(
      '请 A 二十三 号，到 十二 号窗口办理',
    );
  });

  it('refuses a sentence without the number or with unknown placeholders, and reads such a one as the default', () => {
    expect(templateProblem('请{number}号到{window}号窗口办理')).toBeNull();
    expect(templateProblem('请{number}号')).toBeNull();
    expect(templateProblem('请到窗口办理')).not.toBeNull();
    expect(templateProblem('{number}{number}')).not.toBeNull();
    expect(templateProblem('请{number}号到{counter}号')).not.toBeNull();
    expect(templateProblem('x'.repeat(61) + '{number}')).not.toBeNull();
    expect(spokenText('请A023号到3号窗口办理', { template: '请到窗口' })).toBe(
      spokenText('请A023号到3号窗口办理'),
    );
  });
});
