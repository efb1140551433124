import { describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE } from '../../server/src/demo/catalogue.js';
import { matchRank, searchMatters } from '../../ticket-printer/src/kiosk/search.js';

/** The kiosk search rule on the demo catalogue: names, pinyin initials, abbreviations (社保 → sb). */

const names = (q: string) => searchMatters(q, DEMO_CATALOGUE).map((s) => s.name);

describe('kiosk search', () => {
  it('finds 社保 matters by sb, prefix and abbreviation matches first', () => {
    const found = names('sb');
    expect(found[0]).toBe('社会保障卡申领'); // s·h·b·z·k·s·l abbreviates to sb
    // Every matter of the 社保 area (codes SB…) is found too.
    for (const s of DEMO_CATALOGUE.filter((s) => s.domain === '社保')) expect(found).toContain(s.name);
    expect(found).not.toContain('户口迁移');
  });

  it('matches a prefix of the initials', () => {
    expect(names('shbz')).toEqual(['社会保障卡申领']);
    expect(names('hkqy')).toEqual(['户口迁移']);
  });

  it('is case- and space-insensitive', () => {
    expect(names(' S B ')).toEqual(names('sb'));
  });

  it('finds by Chinese text in the name or area', () => {
    expect(names('医保').length).toBeGreaterThan(0);
    expect(names('迁移')).toEqual(['户口迁移']);
  });

  it('does not match initials out of order or not starting at the first one', () => {
    expect(
      matchRank('bs', { name: '社会保障卡申领', domain: '社保', code: 'XX1', pinyin: 'shbzksl' }),
    ).toBeNull();
    expect(
      matchRank('hb', { name: '社会保障卡申领', domain: '社保', code: 'XX1', pinyin: 'shbzksl' }),
    ).toBeNull();
    expect(names('zzzz')).toEqual([]);
  });

  it('shows everything for an empty query', () => {
    expect(names('')).toHaveLength(DEMO_CATALOGUE.length);
  });
});
