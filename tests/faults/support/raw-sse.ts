import http from 'node:http';
import type { JobEvent } from '@app/core';
import type { SubscriptionRecord } from '../history/history.ts';

/**
 * A hand-rolled SSE reader on a raw socket (no EventSource, no reconnects) so a test can stop
 * reading — `pause()` — and let the server's writes pile up, as a stalled browser tab would.
 * Parsed events go into a `SubscriptionRecord`, so the history checker judges it like any client.
 */
export interface RawSseStream {
  record: SubscriptionRecord;
  /** The raw text received so far (for protocol assertions such as `retry:`). */
  head(): string;
  bytesReceived(): number;
  /** The client end's local port (to find the server's end of the same connection). */
  localPort: number;
  pause(): void;
  resume(): void;
  close(): void;
}

export async function openRawSse(options: {
  baseUrl: string;
  cookie: string;
  jobId: string;
  clientId: string;
  lastEventId?: number;
}): Promise<RawSseStream> {
  const input = encodeURIComponent(
    JSON.stringify({ jobId: options.jobId, lastEventId: options.lastEventId }),
  );
  const url = new URL(`/trpc/jobs.events?input=${input}`, options.baseUrl);
  const record: SubscriptionRecord = {
    id: `${options.clientId}/${options.jobId.slice(0, 8)}/raw`,
    clientId: options.clientId,
    jobId: options.jobId,
    resumeFrom: options.lastEventId ?? 0,
    events: [],
    receivedAt: [],
    connectionStates: [],
    errors: [],
    stoppedEarly: false,
  };
  let head = '';
  let pending = '';
  let bytes = 0;
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = http.get(
      url,
      { headers: { cookie: options.cookie, accept: 'text/event-stream' } },
      resolve,
    );
    request.on('error', reject);
  });
  if (response.statusCode !== 200) throw new Error(`SSE request answered ${response.statusCode}`);
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    bytes += Buffer.byteLength(chunk);
    if (head.length < 4_096) head += chunk.slice(0, 4_096 - head.length);
    pending += chunk;
    let boundary = pending.indexOf('\n\n');
    while (boundary >= 0) {
      parseBlock(pending.slice(0, boundary), record);
      pending = pending.slice(boundary + 2);
      boundary = pending.indexOf('\n\n');
    }
  });
  response.on('error', (error) => record.errors.push(String(error)));
  return {
    record,
    head: () => head,
    bytesReceived: () => bytes,
    localPort: response.socket.localPort as number,
    pause: () => response.pause(),
    resume: () => response.resume(),
    close: () => {
      record.stoppedEarly = true;
      response.destroy();
    },
  };
}

function parseBlock(block: string, record: SubscriptionRecord): void {
  let type = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) type = line.slice(7);
    else if (line.startsWith('data: ')) data += line.slice(6);
  }
  if (type !== 'message' || !data) return;
  record.events.push(JSON.parse(data) as JobEvent);
  record.receivedAt.push(Date.now());
}
