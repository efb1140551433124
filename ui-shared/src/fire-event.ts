/**
 * The one way components send events up: typed, bubbling, composed (so they
 * cross shadow roots). Declare the detail type in `HallEvents`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface HallEvents {}

export function fireEvent<K extends keyof HallEvents & string>(
  node: EventTarget,
  type: K,
  detail: HallEvents[K],
  options: { bubbles?: boolean; composed?: boolean; cancelable?: boolean } = {},
): boolean {
  return node.dispatchEvent(
    new CustomEvent(type, {
      detail,
      bubbles: options.bubbles ?? true,
      composed: options.composed ?? true,
      cancelable: options.cancelable ?? false,
    }),
  );
}
