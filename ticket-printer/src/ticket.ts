/**
 * The ticket document is the hub's contract with the printer: the hub's use
 * cases build it, this package renders it. It lives with the hub's domain
 * (pure, no I/O), so the use cases need nothing from this package.
 */
export * from '@hall-queue/server/protocol';
