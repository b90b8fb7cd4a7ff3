import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dataset } from '@app/db';
import type { RecordsChangedListener } from '../realtime/job-event-hub.ts';
import { DataApiError } from './data-api-http.ts';

/**
 * Live updates of an app's records (docs/architecture.md#app-data), as server-sent events:
 *
 *   event: changed   the dataset may have changed — re-read it through the data API
 *   : ping           a comment every `pingMs`, so proxies and idle timers keep the stream open
 *   event: ended     the reader may no longer read (data: { code }); the stream closes after it
 *
 * No record data ever travels here: the app re-reads through the API it already uses, so every
 * access rule (membership, the preview's token, the blueprint's shape) stays in one place. Changes
 * are coalesced — at most one `changed` per `coalesceMs`, the first at once — since a burst of
 * writes needs only one re-read. A stream re-checks its reader every `accessCheckMs` with the data
 * API's own check, so a removed member's stream ends within one interval.
 */
export interface ChangeStreamOptions {
  hub: { subscribeRecords(appId: string, dataset: Dataset, listener: RecordsChangedListener): () => void };
  coalesceMs?: number;
  pingMs?: number;
  accessCheckMs?: number;
  /** Open streams per caller (a person on one app, or one preview link's version). */
  maxStreamsPerCaller?: number;
  onError?: (error: unknown) => void;
}

export interface OpenChangeStream {
  appId: string;
  dataset: Dataset;
  /** Whose streams count together against `maxStreamsPerCaller`. */
  caller: string;
  /** Throws (a DataApiError, usually) when the reader may no longer read. */
  recheck: () => Promise<void>;
  /** Headers the data API already decided (a preview's CORS). */
  headers?: Record<string, string>;
}

export function createChangeStreams(options: ChangeStreamOptions) {
  const coalesceMs = options.coalesceMs ?? 250;
  const pingMs = options.pingMs ?? 15_000;
  const accessCheckMs = options.accessCheckMs ?? 10_000;
  const maxPerCaller = options.maxStreamsPerCaller ?? 8;
  const openPerCaller = new Map<string, number>();

  function open(req: IncomingMessage, res: ServerResponse, stream: OpenChangeStream): void {
    // The client may have gone while the stream's access was checked: its 'close' has fired
    // already, so nothing would ever end this stream (its slot, timers and subscription would leak).
    if (res.destroyed || req.destroyed || res.writableEnded) return;
    const count = openPerCaller.get(stream.caller) ?? 0;
    if (count >= maxPerCaller)
      throw new DataApiError('rate_limited', `At most ${maxPerCaller} live-update streams at once`);
    openPerCaller.set(stream.caller, count + 1);

    let closed = false;
    let lastSentAt = 0;
    let pendingTimer: NodeJS.Timeout | null = null;
    // A slow reader: while the socket's buffer is full nothing more is written, and one `changed`
    // goes out on drain if anything happened meanwhile (a change notice is idempotent).
    let blocked = false;
    let missed = false;

    const write = (text: string): void => {
      if (closed) return;
      if (blocked) {
        missed = true;
        return;
      }
      if (!res.write(text)) blocked = true;
    };
    const sendChanged = (): void => {
      pendingTimer = null;
      lastSentAt = Date.now();
      write('event: changed\ndata: {}\n\n');
    };
    const listener: RecordsChangedListener = {
      onChange() {
        if (closed || pendingTimer) return;
        const wait = lastSentAt + coalesceMs - Date.now();
        if (wait <= 0) sendChanged();
        else pendingTimer = setTimeout(sendChanged, wait);
      },
    };
    // Registered before the response starts: a write that commits once the client sees the
    // stream open is never missed (the client re-reads on open for anything before it).
    const unsubscribe = options.hub.subscribeRecords(stream.appId, stream.dataset, listener);

    const ping = setInterval(() => write(': ping\n\n'), pingMs);
    let checking = false;
    const check = setInterval(() => {
      if (checking) return;
      checking = true;
      stream
        .recheck()
        .then(() => {
          checking = false;
        })
        .catch((error: unknown) => {
          checking = false;
          if (!(error instanceof DataApiError)) {
            // A database hiccup ends nothing: the next check decides.
            options.onError?.(error);
            return;
          }
          write(`event: ended\ndata: ${JSON.stringify({ code: error.code })}\n\n`);
          finish();
          res.end();
        });
    }, accessCheckMs);

    const finish = (): void => {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(ping);
      clearInterval(check);
      if (pendingTimer) clearTimeout(pendingTimer);
      const left = (openPerCaller.get(stream.caller) ?? 1) - 1;
      if (left <= 0) openPerCaller.delete(stream.caller);
      else openPerCaller.set(stream.caller, left);
    };
    res.on('close', finish);
    res.on('drain', () => {
      blocked = false;
      if (missed) {
        missed = false;
        sendChanged();
      }
    });
    req.socket.setNoDelay(true);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // nginx and similar buffer responses unless told not to; events must go out as they happen.
      'x-accel-buffering': 'no',
      ...stream.headers,
    });
    // `retry`: how long EventSource waits before reconnecting after the stream drops.
    write('retry: 2000\n: open\n\n');
  }

  return {
    open,
    /** Streams open now (all callers). */
    get openCount(): number {
      let total = 0;
      for (const count of openPerCaller.values()) total += count;
      return total;
    },
  };
}

export type ChangeStreams = ReturnType<typeof createChangeStreams>;
