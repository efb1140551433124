import { configChanged, type Actor, type ConfigChangedData, type NewEvent } from '../../domain/index.js';
import type { AppDeps } from '../deps.js';

/**
 * Configuration changes are written to the hall's log as `config.changed`
 * events in the same atomic step as the change: the store write takes them
 * and returns them with their `seq`, so a use case never re-reads the log to
 * find its own. Screens and other hub processes learn of them by following
 * the log.
 */

export type AuditChange = Pick<ConfigChangedData, 'entity' | 'action'> & Partial<ConfigChangedData>;
/** The audit of one change, as the array a store write takes. */
export type Audit = (change: AuditChange, windowId?: string | null) => NewEvent[];

export function auditOf(deps: AppDeps, hallId: string, actor: Actor): Audit {
  return (change, windowId = null) => [configChanged({ hallId, at: deps.now(), actor, windowId }, change)];
}

export async function audited<T>(
  deps: AppDeps,
  hallId: string,
  actor: Actor,
  work: (audit: Audit) => Promise<T>,
): Promise<T> {
  return work(auditOf(deps, hallId, actor));
}
