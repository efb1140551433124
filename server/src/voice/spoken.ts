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

/** How a hall reads ticket numbers: digit by digit (A 零 二 三, the default) or as a number (A 二十三). */
export const NUMBER_READINGS = ['digits', 'number'] as const;
export type NumberReading = (typeof NUMBER_READINGS)[number];

/**
 * The hall's call-out sentence: `{号码}` (the ticket) and `{窗口}` (the
 * window number) are filled in; a recall is preceded by 重呼，. The comma is
 * a pause, so the window is heard apart from the ticket. `{number}` and
 * `{window}` are the same placeholders for API clients and sentences saved
 * before the Chinese names.
 */
export const DEFAULT_CALL_OUT_TEMPLATE = '请{号码}号，到{窗口}号窗口办理';

/** The sentence with its placeholders under one name each (`{number}`, `{window}`). */
function canonicalTemplate(template: string): string {
  return template.replaceAll('{号码}', '{number}').replaceAll('{窗口}', '{window}');
}
export const CALL_OUT_TEMPLATE_MAX = 60;

export interface SpokenStyle {
  template?: string;
  numberReading?: NumberReading;
}

/** Why a hall's template cannot be used, or null when it can. */
export function templateProblem(raw: string): string | null {
  if (raw.trim() === '' || raw.length > CALL_OUT_TEMPLATE_MAX)
    return `must be 1 to ${CALL_OUT_TEMPLATE_MAX} characters`;
  const template = canonicalTemplate(raw);
  if (template.split('{number}').length !== 2) return 'must contain {号码} ({number}) exactly once';
  if (template.split('{window}').length > 2) return 'may contain {窗口} ({window}) at most once';
  if (/[{}]/.test(template.replace('{number}', '').replace('{window}', '')))
    return 'may only use the placeholders {号码} ({number}) and {窗口} ({window})';
  return null;
}

/** `A023` → `A 二十三`; `A000` → `A 零`. */
export function readTicketNumberAsNumber(ticketNumber: string): string {
  const m = /^([A-Za-z]*)(\d+)$/.exec(ticketNumber);
  if (!m) return spellTicketNumber(ticketNumber);
  const letters = [...(m[1] ?? '').toUpperCase()];
  const n = Number(m[2]);
  return [...letters, n <= 9999 ? chineseNumber(n) : spellTicketNumber(m[2] ?? '')].join(' ');
}

/** `A023` → `A 零 二 三`. */
export function spellTicketNumber(ticketNumber: string): string {
  return [...ticketNumber.toUpperCase()].map((c) => (/\d/.test(c) ? digit(c) : c)).join(' ');
}

/**
 * The words to say for a call-out text, in the hall's sentence and number
 * reading. Text of another shape (a hall's own announcement) is returned
 * unchanged; a template that is not valid reads as the default one.
 */
export function spokenText(voiceText: string, style: SpokenStyle = {}): string {
  const m = CALL_OUT_TEXT.exec(voiceText);
  if (!m) return voiceText;
  const [, recall, letters, digits, window] = m;
  const ticket = `${letters ?? ''}${digits ?? ''}`;
  const number =
    style.numberReading === 'number' ? readTicketNumberAsNumber(ticket) : spellTicketNumber(ticket);
  const template = canonicalTemplate(
    style.template !== undefined && templateProblem(style.template) === null
      ? style.template
      : DEFAULT_CALL_OUT_TEMPLATE,
  );
  const words = template
    .replace('{number}', ` ${number} `)
    .replace('{window}', ` ${chineseNumber(Number(window))} `)
    .replace(/\s+/g, ' ')
    .trim();
  return `${recall ?? ''}${words}`;
}
