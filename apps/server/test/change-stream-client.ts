import http from 'node:http';

/** One server-sent event as a browser's EventSource would see it (`comment` for `: …` lines). */
export interface ServerSentEvent {
  event: string;
  data: string;
  at: number;
}

/**
 * A live-update stream read over real HTTP from the apps origin, parsed as EventSource does.
 * Connects to loopback and names the app's host itself (glibc does not resolve `*.localhost`).
 */
export interface OpenedStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: ServerSentEvent[];
  comments: string[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** The next event named `name` after index `from` (default: after what has arrived so far). */
  next(name: string, options?: { from?: number; timeoutMs?: number }): Promise<ServerSentEvent>;
  close(): void;
  /** The body when the server refused (status other than 200). */
  body: () => string;
}

export function openStream(
  port: number,
  host: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<OpenedStream> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path, headers: { host, accept: 'text/event-stream', ...headers } },
      (response) => {
        const events: ServerSentEvent[] = [];
        const comments: string[] = [];
        const waiters: (() => void)[] = [];
        let buffer = '';
        let text = '';
        let finish: () => void = () => {};
        const ended = new Promise<void>((done) => {
          finish = done;
        });
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
          buffer += chunk;
          let boundary = buffer.indexOf('\n\n');
          while (boundary >= 0) {
            const block = buffer.slice(0, boundary);
            buffer = buffer.slice(boundary + 2);
            let event = 'message';
            const data: string[] = [];
            let isEvent = false;
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comments.push(line.slice(1).trim());
              else if (line.startsWith('event:')) {
                event = line.slice(6).trim();
                isEvent = true;
              } else if (line.startsWith('data:')) {
                data.push(line.slice(5).trim());
                isEvent = true;
              }
            }
            if (isEvent) events.push({ event, data: data.join('\n'), at: Date.now() });
            for (const wake of waiters.splice(0)) wake();
            boundary = buffer.indexOf('\n\n');
          }
        });
        response.on('end', () => finish());
        response.on('close', () => {
          finish();
          for (const wake of waiters.splice(0)) wake();
        });
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          events,
          comments,
          ended,
          body: () => text,
          close: () => request.destroy(),
          next(name, options = {}) {
            const from = options.from ?? events.length;
            const timeoutMs = options.timeoutMs ?? 3_000;
            return new Promise((found, fail) => {
              const timer = setTimeout(
                () => fail(new Error(`no "${name}" event within ${timeoutMs} ms`)),
                timeoutMs,
              );
              const look = () => {
                const hit = events.slice(from).find((candidate) => candidate.event === name);
                if (hit) {
                  clearTimeout(timer);
                  found(hit);
                } else waiters.push(look);
              };
              look();
            });
          },
        });
      },
    );
    request.on('error', reject);
    request.end();
  });
}
