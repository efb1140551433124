/**
 * Kiosk search by name and by pinyin initials. Citizens type what they say:
 * 社保 for 社会保障, so `sb` must find 社会保障卡申领 (initials `shbzksl`).
 *
 * A matter matches when the query (letters lower-cased, spaces dropped):
 * 1. is a prefix of the matter's initials (`shb` → 社会保障…);
 * 2. is an abbreviation of them: its letters appear in order, the first one
 *    being the first initial (`sb` → s·h·b·z… — how 社保, 医保 are formed);
 * 3. is a prefix of the letters of the matter's code: catalogue codes start
 *    with the area's initials (SB001 社保, BDC002 不动产), so `sb` also finds
 *    社保 matters whose names do not abbreviate that way;
 * 4. or, typed in characters, appears in the name or the area.
 * Better matches come first: prefix, then area code, then abbreviation, then text.
 */

export interface Searchable {
  name: string;
  domain: string;
  code: string;
  pinyin: string;
}

function abbreviates(query: string, initials: string): boolean {
  if (query.length === 0 || initials[0] !== query[0]) return false;
  let i = 0;
  for (const ch of initials) if (ch === query[i]) i++;
  return i === query.length;
}

/** 0 is the best match; null is no match. */
export function matchRank(query: string, s: Searchable): number | null {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  if (q === '') return 0;
  if (/^[a-z]+$/.test(q)) {
    const initials = s.pinyin.toLowerCase();
    const codeLetters = s.code.toLowerCase().replace(/[^a-z].*$/, '');
    if (initials.startsWith(q)) return 0;
    if (codeLetters.startsWith(q)) return 1;
    if (abbreviates(q, initials)) return 2;
    return null;
  }
  if (s.name.includes(q)) return 3;
  if (s.domain.includes(q)) return 4;
  return null;
}

export function searchMatters<T extends Searchable>(query: string, items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index, rank: matchRank(query, item) }))
    .filter((x): x is { item: T; index: number; rank: number } => x.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((x) => x.item);
}
