/// <reference lib="dom" />
import type { Page } from '@playwright/test';

/**
 * Finds text a screen cuts off: for every element matching `inner` inside
 * the shadow root of each `host` element (hosts are searched through shadow
 * roots too), whether its text overflows its own box
 * or its box reaches outside an ancestor that hides overflow (or outside
 * the window). Returns one line per clipped element, empty when all fit.
 */
export async function clippedText(page: Page, host: string, inner: string): Promise<string[]> {
  return page.evaluate(
    ([hostSel, sel]) => {
      const found: Element[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const h of Array.from(root.querySelectorAll(hostSel)))
          if (h.shadowRoot) found.push(...Array.from(h.shadowRoot.querySelectorAll(sel)));
        for (const el of Array.from(root.querySelectorAll('*'))) if (el.shadowRoot) walk(el.shadowRoot);
      };
      walk(document);
      // A check that finds nothing to check must not pass.
      if (found.length === 0) return [`${hostSel} ${sel}: nothing found`];
      const parentOf = (el: Element): Element | null =>
        el.parentElement ?? ((el.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
      const out: string[] = [];
      for (const el of found) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const name = `${hostSel} ${sel} "${(el.textContent ?? '').trim().slice(0, 20)}"`;
        const he = el as HTMLElement;
        const own = getComputedStyle(he);
        // Wider than its box spills sideways or is cut with an ellipsis; taller only matters where the box clips.
        if (
          he.scrollWidth > he.clientWidth + 1 ||
          (own.overflowY !== 'visible' && he.scrollHeight > he.clientHeight + 1)
        )
          out.push(`${name}: text overflows its box`);
        if (r.right > innerWidth + 1 || r.bottom > innerHeight + 1) out.push(`${name}: outside the window`);
        for (let a = parentOf(el); a; a = parentOf(a)) {
          const style = getComputedStyle(a);
          if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
          const b = a.getBoundingClientRect();
          if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1) {
            out.push(`${name}: cut off by <${a.tagName.toLowerCase()} class="${a.className}">`);
            break;
          }
        }
      }
      return out;
    },
    [host, inner] as const,
  );
}
