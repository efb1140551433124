import type { AppDeps, HallDirectory } from '../app/index.js';
import { directoryOf } from '../app/index.js';
import type { Service } from '../domain/index.js';

export interface CachedHall {
  hall: { id: string; name: string };
  services: Service[];
  dir: HallDirectory;
}

/**
 * Names for call-outs (window number and name, matter name), read once per
 * hall and kept until the configuration may have changed: a `config.changed`
 * or window event, an event this process did not see, or a name it lacks.
 */
export class DirectoryCache {
  private readonly halls = new Map<string, Promise<CachedHall | null>>();

  constructor(private readonly deps: AppDeps) {}

  /** Null when the hall does not exist (not cached, so a hall created later is found). */
  get(hallId: string): Promise<CachedHall | null> {
    let entry = this.halls.get(hallId);
    if (!entry) {
      entry = this.load(hallId);
      this.halls.set(hallId, entry);
      entry.then(
        (v) => v === null && this.forget(hallId, entry),
        () => this.forget(hallId, entry),
      );
    }
    return entry;
  }

  invalidate(hallId: string): void {
    this.halls.delete(hallId);
  }

  private forget(hallId: string, entry: Promise<CachedHall | null> | undefined): void {
    if (this.halls.get(hallId) === entry) this.halls.delete(hallId);
  }

  private async load(hallId: string): Promise<CachedHall | null> {
    const { store } = this.deps;
    const hall = await store.getHall(hallId);
    if (!hall) return null;
    const [services, windows] = await Promise.all([store.listServices(hallId), store.listWindows(hallId)]);
    return { hall: { id: hall.id, name: hall.name }, services, dir: directoryOf(services, windows) };
  }
}
