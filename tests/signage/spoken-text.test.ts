import { describe, expect, it } from 'vitest';
import { chineseNumber, spellTicketNumber, spokenText } from '../../server/src/voice/spoken.js';

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
