/**
 * The simulator's in-memory environment: applications and their message attempts. Ids and uids
 * share one namespace so every `appIds` entry resolves to at most one application. The store holds
 * at most `maxEvents` message attempts (a record with `count: 5` is five attempts); a write that
 * would pass the cap is refused whole.
 */
import { buildAttemptIndex, type AttemptIndex, type StatsSubject } from './aggregate';
import { httpError } from './errors';
import { newSvixId, type RandomBytes } from './ids';

/** An application in the simulated environment. */
export interface SvixApp {
  id: string;
  uid: string | null;
  createdAt: number;
}

/** Attempts to record for one application, already resolved to its id. */
export interface AttemptRecord {
  appId: string;
  epochMs: number;
  count: number;
}

interface AppEntry {
  app: SvixApp;
  countsByTime: Map<number, number>;
  index: AttemptIndex | null;
}

/** Applications and attempts, with the cap enforced on every write. */
export interface SvixStore {
  createApp(input: { id?: string; uid?: string }): SvixApp;
  resolve(idOrUid: string): SvixApp | undefined;
  listApps(): SvixApp[];
  recordAttempts(records: readonly AttemptRecord[]): number;
  attemptCount(): number;
  statsSubject(app: SvixApp): StatsSubject;
}

export function createSvixStore(options: { maxEvents: number; now: () => number; random?: RandomBytes }): SvixStore {
  const entries = new Map<string, AppEntry>();
  const idsByUid = new Map<string, string>();
  let total = 0;

  const taken = (name: string) => entries.has(name) || idsByUid.has(name);
  const entryOf = (appId: string): AppEntry => {
    const entry = entries.get(appId);
    if (!entry) throw new Error(`no application ${appId}`); // records are resolved before they get here
    return entry;
  };

  // A random id cannot realistically collide, but an injected random source or a uid shaped like
  // an id can make it happen; a few draws settle it, and a source that never changes fails loudly.
  const generatedId = (createdAt: number): string => {
    for (let draw = 0; draw < 8; draw += 1) {
      const id = newSvixId('app', createdAt, options.random);
      if (!taken(id)) return id;
    }
    throw new Error('the random source keeps producing application ids that are taken');
  };

  return {
    createApp({ id, uid }) {
      if (uid !== undefined && taken(uid)) {
        throw httpError(409, 'conflict', `An application with the ID or UID \`${uid}\` already exists.`);
      }
      if (id !== undefined && taken(id)) {
        throw httpError(409, 'conflict', `An application with the ID or UID \`${id}\` already exists.`);
      }
      const createdAt = options.now();
      const app: SvixApp = { id: id ?? generatedId(createdAt), uid: uid ?? null, createdAt };
      entries.set(app.id, { app, countsByTime: new Map(), index: null });
      if (app.uid !== null) idsByUid.set(app.uid, app.id);
      return { ...app };
    },
    resolve(idOrUid) {
      const entry = entries.get(idOrUid) ?? entries.get(idsByUid.get(idOrUid) ?? '');
      return entry ? { ...entry.app } : undefined;
    },
    listApps: () => [...entries.values()].map((entry) => ({ ...entry.app })),
    recordAttempts(records) {
      const adding = records.reduce((sum, record) => sum + record.count, 0);
      if (total + adding > options.maxEvents) {
        const detail = `The sandbox holds ${total} of at most ${options.maxEvents} message attempts and cannot take ${adding} more`;
        throw httpError(409, 'sandbox_event_cap_reached', `${detail}; nothing was recorded.`);
      }
      const targets = records.map((record) => entryOf(record.appId));
      records.forEach((record, position) => {
        const entry = targets[position] as AppEntry;
        entry.countsByTime.set(record.epochMs, (entry.countsByTime.get(record.epochMs) ?? 0) + record.count);
        entry.index = null;
      });
      total += adding;
      return adding;
    },
    attemptCount: () => total,
    statsSubject(app) {
      const entry = entryOf(app.id);
      entry.index ??= buildAttemptIndex(entry.countsByTime);
      return { id: entry.app.id, uid: entry.app.uid, index: entry.index };
    },
  };
}
