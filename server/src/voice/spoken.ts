/**
 * How a call-out is read aloud. The hub's voice text keeps the number as
 * printed (`请A023号到3号窗口办理`); read as is, a speech engine says
 * "A 二十三", which a citizen holding a ticket "A023" does not match at once.
 * So the ticket number is read character by character (letters as letters,
 * digits one by one: A 零 二 三), and the window number as a number (三号窗口,
 * 十二号窗口), the way staff say it. Pure: the lobby board (browser) and the
 * hub's fallback audio both use it.
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** The shape of every call-out the hub makes; anything else is refused by the voice route. */
export const CALL_OUT_TEXT = /^(重呼，)?请([A-Za-z]{1,3})(\d{1,6})号到(\d{1,4})号窗口办理$/;

function digit(d: string): string {
  return DIGITS[Number(d)] ?? d;
}

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (window numbers, up to 9999). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n);
  if (n < 10) return digit(String(n));
  if (n < 20) return `十${n % 10 === 0 ? '' : digit(String(n % 10))}`;
  const units = ['千', '百', '十', ''];
  const s = String(n).padStart(4, '0');
  let out = '';
  let zero = false;
  for (let i = 0; i < 4; i++) {
    const d = s[i] ?? '0';
    if (d === '0') {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += digit(d) + (units[i] ?? '');
  }
  return out;
}

/** `A023` → `A 零 二 三`. */
export function spellTicketNumber(ticketNumber: string): string {
  return [...ticketNumber.toUpperCase()].map((c) => (/\d/.test(c) ? digit(c) : c)).join(' ');
}

/**
 * The words to say for a call-out text. Text of another shape (a hall's own
 * announcement) is returned unchanged.
 */
export function spokenText(voiceText: string): string {
  const m = CALL_OUT_TEXT.exec(voiceText);
  if (!m) return voiceText;
  const [, recall, letters, digits, window] = m;
  const number = spellTicketNumber(`${letters ?? ''}${digits ?? ''}`);
  return `${recall ?? ''}请 ${number} 号，到 ${chineseNumber(Number(window))} 号窗口办理`;
}
