/**
 * Which of the browser's voices speaks Mandarin. Voices report it as zh-CN,
 * zh, cmn, cmn-Hans-CN, zh-Hans …; a Taiwan voice (zh-TW) speaks Mandarin
 * too, with another accent, so it is taken only when there is no other.
 * Cantonese voices (zh-HK, yue) read the characters in Cantonese: never.
 */

function rank(lang: string): number {
  const l = lang.toLowerCase().replace(/_/g, '-');
  if (l.startsWith('cmn') || l === 'zh' || l === 'zh-cn' || l === 'zh-sg' || l.startsWith('zh-hans'))
    return 2;
  if (l === 'zh-tw' || l.startsWith('zh-hant-tw')) return 1;
  return 0;
}

export function isMandarin(lang: string): boolean {
  return rank(lang) > 0;
}

/** The best Mandarin voice: mainland before Taiwan, on-device before network voices. */
export function pickMandarinVoice<V extends { lang: string; localService: boolean }>(
  voices: readonly V[],
): V | null {
  let best: V | null = null;
  let bestScore = 0;
  for (const v of voices) {
    const score = rank(v.lang) * 2 + (v.localService ? 1 : 0);
    if (rank(v.lang) > 0 && score > bestScore) {
      best = v;
      bestScore = score;
    }
  }
  return best;
}
