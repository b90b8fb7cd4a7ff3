import {
  appRecordsChannel,
  type Dataset,
  type DbOrTrx,
  jobEventsChannel,
  parseNotification,
  parseRecordsChanged,
} from '@app/db';
import pg from 'pg';
import { SharedLogReads } from './shared-log-reads.ts';

export interface JobEventListener {
  /** A row with this `seq` has committed for the job. */
  onNotify(seq: number): void;
  /** Notifications may have been missed (the LISTEN connection dropped): catch up from the table. */
  onResync(): void;
}

/** Someone listening to one app's dataset (a live-update stream on the apps origin). */
export interface RecordsChangedListener {
  /**
   * The dataset may have changed: a write committed, or (after the LISTEN connection came back)
   * one may have committed while nobody was listening. Re-read; the notice carries no data.
   */
  onChange(): void;
}

export type HubState = 'connecting' | 'listening' | 'reconnecting' | 'stopped';

export interface JobEventHubOptions {
  connectionString: string;
  /** Backoff between reconnect attempts: starts here, doubles, capped at 5 s. */
  reconnectDelayMs?: number;
  onStateChange?: (state: HubState, error?: unknown) => void;
}

/**
 * The process's ONE LISTEN connection, fanned out in memory per job (`job_events`) and per app
 * dataset (`app_records`, the apps origin's live updates). A pooled connection would be
 * handed to other queries between notifications, so this is a dedicated `pg.Client`. When it drops,
 * it reconnects with backoff and then tells every listener to resync, so nothing committed while it
 * was away is missed.
 */
export class JobEventHub {
  private readonly listeners = new Map<string, Set<JobEventListener>>();
  private readonly recordListeners = new Map<string, Set<RecordsChangedListener>>();
  private client: pg.Client | null = null;
  private currentState: HubState = 'connecting';
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readyWaiters: (() => void)[] = [];
  private readonly reads = new WeakMap<DbOrTrx, SharedLogReads>();

  constructor(private readonly options: JobEventHubOptions) {}

  get state(): HubState {
    return this.currentState;
  }

  get subscriptionCount(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  /** Resolves once LISTEN is active (the first time). */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Resolves when the hub is (again) listening; used by tests and health checks. */
  whenListening(): Promise<void> {
    if (this.currentState === 'listening') return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  subscribe(jobId: string, listener: JobEventListener): () => void {
    let set = this.listeners.get(jobId);
    if (!set) {
      set = new Set();
      this.listeners.set(jobId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(jobId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.listeners.delete(jobId);
    };
  }

  /** Number of live-update streams on app datasets this process serves. */
  get recordSubscriptionCount(): number {
    let count = 0;
    for (const set of this.recordListeners.values()) count += set.size;
    return count;
  }

  /** Listens to one app's dataset; the returned function stops. */
  subscribeRecords(appId: string, dataset: Dataset, listener: RecordsChangedListener): () => void {
    const key = recordsKey(appId, dataset);
    let set = this.recordListeners.get(key);
    if (!set) {
      set = new Set();
      this.recordListeners.set(key, set);
    }
    set.add(listener);
    return () => {
      const current = this.recordListeners.get(key);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.recordListeners.delete(key);
    };
  }

  /** Log reads shared by this hub's subscriptions (one sharing scope per database handle). */
  sharedReads(db: DbOrTrx): SharedLogReads {
    let reads = this.reads.get(db);
    if (!reads) {
      reads = new SharedLogReads(db);
      this.reads.set(db, reads);
    }
    return reads;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.setState('stopped');
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private setState(state: HubState, error?: unknown): void {
    this.currentState = state;
    this.options.onStateChange?.(state, error);
    if (state === 'listening') {
      const waiters = this.readyWaiters;
      this.readyWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: 'app-builder:listen',
      keepAlive: true,
    });
    let lost = false;
    const onLost = (error?: unknown) => {
      if (lost || this.stopped) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => {});
      this.scheduleReconnect(error);
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (!message.payload) return;
      if (message.channel === appRecordsChannel) {
        const changed = parseRecordsChanged(message.payload);
        const set = changed ? this.recordListeners.get(recordsKey(changed.appId, changed.dataset)) : null;
        if (set) for (const listener of set) listener.onChange();
        return;
      }
      if (message.channel !== jobEventsChannel) return;
      const parsed = parseNotification(message.payload);
      if (!parsed) return;
      const set = this.listeners.get(parsed.jobId);
      if (!set) return;
      for (const listener of set) listener.onNotify(parsed.seq);
    });
    try {
      await client.connect();
      // Both channels on this one connection: a second LISTEN connection per process would double
      // the reconnect chains and the connections every server holds.
      await client.query(`LISTEN ${jobEventsChannel}; LISTEN ${appRecordsChannel}`);
    } catch (error) {
      // The caller retries a failed attempt. pg also emits 'end' for a client that never connected:
      // if that reached onLost it would start a second reconnect chain, and every later failure
      // would double the chains again, each ending in a LISTEN connection of its own (a 1 s
      // Postgres restart left hundreds open and exhausted max_connections).
      lost = true;
      await client.end().catch(() => {});
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    const wasReconnect = this.currentState === 'reconnecting';
    this.setState('listening');
    // Anything committed while we were not listening was never delivered: every live
    // subscription re-reads the table from its last sent seq, and every records stream is told
    // its dataset may have changed.
    if (wasReconnect) this.resyncAll();
  }

  private scheduleReconnect(error: unknown, attempt = 0): void {
    // One reconnect chain at a time, whoever noticed the loss.
    if (this.stopped || this.reconnectTimer) return;
    this.setState('reconnecting', error);
    const base = this.options.reconnectDelayMs ?? 100;
    const delay = Math.min(base * 2 ** attempt, 5000);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect().catch((connectError: unknown) => this.scheduleReconnect(connectError, attempt + 1));
    }, delay);
  }

  private resyncAll(): void {
    for (const set of this.listeners.values()) for (const listener of set) listener.onResync();
    for (const set of this.recordListeners.values()) for (const listener of set) listener.onChange();
  }
}

function recordsKey(appId: string, dataset: Dataset): string {
  return `${appId}:${dataset}`;
}
