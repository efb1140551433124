import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  decodeEscPos,
  foldJob,
  jobText,
  renderEscPos,
  renderSvg,
  type PaperWidth,
} from '../../ticket-printer/src/index.js';
import { FIXED_TICKET } from './fixtures.js';

/**
 * Golden bytes: the fixed ticket must print byte for byte as committed in
 * golden/. A change of layout or library shows up as a diff here; regenerate
 * deliberately with UPDATE_GOLDEN=1 and read the decoded text in golden/*.txt.
 */

const golden = (name: string) => fileURLToPath(new URL(`./golden/${name}`, import.meta.url));

describe.each([58, 80] as const)('the fixed ticket on %i mm paper', (paper: PaperWidth) => {
  const bytes = renderEscPos(FIXED_TICKET, paper);
  const text = jobText(foldJob(decodeEscPos(bytes)));

  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(golden(`ticket-${paper}.bin`), bytes);
    writeFileSync(golden(`ticket-${paper}.txt`), text + '\n');
  }

  it('matches the golden bytes', () => {
    expect(Buffer.from(bytes).equals(readFileSync(golden(`ticket-${paper}.bin`)))).toBe(true);
    expect(text + '\n').toBe(readFileSync(golden(`ticket-${paper}.txt`), 'utf8'));
  });

  it('decodes back to the ticket, rare characters included', () => {
    const job = foldJob(decodeEscPos(readFileSync(golden(`ticket-${paper}.bin`))));
    const lines = jobText(job).split('\n');
    expect(lines).toContain('银川市民大厅');
    expect(lines).toContain('A023');
    // On 58 mm the double-width name wraps; join the lines to read it whole.
    expect(lines.join('')).toContain('𠮷䶮姓名变更登记');
    expect(lines).toContain('前面还有 3 人等候');
    expect(lines).toContain('预计等候约 12 分钟');
    expect(lines).toContain('取号时间 2026-11-27 09:05');
    expect(job.qr).toEqual(['http://127.0.0.1:8080/t/abcDEF123_-xyz']);
    expect(job.chineseMode).toBe(true);
    expect(job.cuts).toBe(1);
  });

  it('prints the number larger than anything else, and the paper width shows in the size', () => {
    const job = foldJob(decodeEscPos(bytes));
    const number = job.blocks.find((b) => b.kind === 'line' && b.text.trim() === 'A023');
    expect(number).toMatchObject({ width: paper === 58 ? 4 : 5, height: paper === 58 ? 4 : 5 });
    for (const b of job.blocks) if (b.kind === 'line' && b !== number) expect(b.height).toBeLessThan(4);
  });

  it('draws rule lines with ASCII, never switching to code page 1 for box characters', () => {
    // ESC t 1 is Katakana on Epson; Chinese printers lack it or print other glyphs there.
    const hex = Buffer.from(bytes).toString('hex');
    expect(hex).not.toContain('1b7401');
    expect(hex).not.toMatch(/(95){8}/); // the Katakana box-drawing run ReceiptLine draws rules with
    const lines = jobText(foldJob(decodeEscPos(bytes))).split('\n');
    const rules = lines.filter((l) => /^-+$/.test(l));
    expect(rules.length).toBeGreaterThanOrEqual(3);
    for (const r of rules) expect(r.length).toBe(paper === 58 ? 32 : 48);
  });

  it('renders the same document as SVG with the same words', () => {
    const svg = renderSvg(FIXED_TICKET, paper);
    expect(svg.startsWith('<svg')).toBe(true);
    // ReceiptLine draws each character in its own tspan; strip tags to read the text.
    const words = svg.replace(/<[^>]+>/g, '');
    for (const w of ['银川市民大厅', 'A023', '𠮷䶮姓名变更登记', '前面还有']) expect(words).toContain(w);
    expect(svg).toContain(`width="${paper === 58 ? 384 : 576}px"`);
  });
});
