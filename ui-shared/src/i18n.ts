/**
 * Chinese by default, English available. Each screen keeps its own message
 * table; `?lang=en` in the URL or a stored choice switches it.
 */
export type Lang = 'zh' | 'en';

export type Messages<K extends string> = Record<Lang, Record<K, string>>;

export function pickLang(
  search: string = globalThis.location?.search ?? '',
  stored: string | null = null,
): Lang {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh') return fromUrl;
  return stored === 'en' ? 'en' : 'zh';
}

/** `t('waiting', { n: 3 })` fills `{n}` placeholders. */
export function translator<K extends string>(messages: Messages<K>, lang: Lang) {
  return (key: K, vars: Record<string, string | number> = {}): string =>
    messages[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
