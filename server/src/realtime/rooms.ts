/**
 * Room names. The same names are used in both namespaces; a room lives
 * inside its namespace, so `hall:<id>` on /display and on /staff are apart.
 */

/** Public messages of a hall (both namespaces). */
export const hallRoom = (hallId: string): string => `hall:${hallId}`;
/** `ticket:changed` for every ticket of a hall: logged-in staff of that hall. */
export const ticketsRoom = (hallId: string): string => `tickets:${hallId}`;
/** `ticket:changed` for the tickets at one window: its keypad, counter display, evaluator. */
export const windowRoom = (windowId: string): string => `window:${windowId}`;
/** Every socket of one device, so a revoked device can be cut off at once. */
export const deviceRoom = (deviceId: string): string => `device:${deviceId}`;
/** Every socket of one user (disabled account, new password). */
export const userRoom = (userId: string): string => `user:${userId}`;
/** Every socket of one login session (logout), by the session's token hash. */
export const sessionRoom = (tokenHash: string): string => `session:${tokenHash}`;
