import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A real HTTP server speaking the OpenAI chat-completions wire format, scripted reply by reply.
 * Used to test the openai provider (and, elsewhere, whole-pipeline model faults) without mocks.
 */
export type WireReply =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  /** Accepts the request and never answers (until the server closes). */
  | { kind: 'hang' }
  /** Destroys the socket without a response: what a crashed proxy or a reset connection looks like. */
  | { kind: 'reset' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface OpenAiWireServer {
  /** Pass as `baseURL` (ends in `/v1`). */
  baseURL: string;
  readonly requests: RecordedRequest[];
  /** Queues replies; each request takes the next one. When the queue is empty, `fallback` answers. */
  enqueue(...replies: WireReply[]): void;
  /** Resolves once at least `count` requests have arrived (e.g. to abort while one hangs). */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface CompletionReplyOptions {
  finishReason?: 'stop' | 'length' | 'content_filter';
  refusal?: string | null;
  model?: string;
  promptTokens?: number;
  completionTokens?: number;
}

/** A 200 chat completion whose message content is `content` (objects are JSON-encoded). */
export function completionReply(content: unknown, options: CompletionReplyOptions = {}): WireReply {
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  const promptTokens = options.promptTokens ?? 100;
  const completionTokens = options.completionTokens ?? 20;
  return {
    kind: 'json',
    status: 200,
    body: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: options.model ?? 'gpt-4o-mini',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: options.refusal ? null : text,
            refusal: options.refusal ?? null,
          },
          finish_reason: options.finishReason ?? 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    },
  };
}

export function refusalReply(refusal = "I'm sorry, I can't help with that."): WireReply {
  return completionReply('', { refusal });
}

export function errorReply(
  status: number,
  message = 'error',
  headers: Record<string, string> = {},
): WireReply {
  return { kind: 'json', status, headers, body: { error: { message, type: 'server_error', code: null } } };
}

/** A 429; `retryAfter` is seconds (the standard header) or `{ ms }` (OpenAI's `retry-after-ms`). */
export function rateLimitReply(retryAfter: number | { ms: number }): WireReply {
  const headers: Record<string, string> =
    typeof retryAfter === 'number'
      ? { 'retry-after': String(retryAfter) }
      : { 'retry-after-ms': String(retryAfter.ms) };
  return errorReply(429, 'Rate limit reached', headers);
}

/** Sends one reply the way the real API (or a broken network) would: a body, silence, or a reset. */
export function writeWireReply(request: IncomingMessage, response: ServerResponse, reply: WireReply): void {
  if (reply.kind === 'hang') return;
  if (reply.kind === 'reset') {
    request.socket.destroy();
    return;
  }
  response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  response.end(JSON.stringify(reply.body));
}

export async function startOpenAiWireServer(
  options: { fallback?: WireReply } = {},
): Promise<OpenAiWireServer> {
  const queue: WireReply[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const fallback = options.fallback ?? errorReply(500, 'openai wire server: no reply scripted');

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      // keep the raw text: a test may want to see a malformed body
    }
    requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
    writeWireReply(request, response, queue.shift() ?? fallback);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    waitForRequests: async (count, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline)
          throw new Error(`openai wire server: ${requests.length}/${count} requests arrived`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Hung requests keep their sockets open; close() would wait for them forever.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
