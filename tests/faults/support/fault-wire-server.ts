import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createOfflineModel, type ModelCallRequest } from '@app/core';
import {
  completionReply,
  errorReply,
  rateLimitReply,
  refusalReply,
  type WireReply,
  writeWireReply,
} from '@app/core/testing';

/**
 * An OpenAI-compatible endpoint for whole-pipeline model faults. Each job's request carries a
 * marker (`[fault:<name>]`), which every model call of that job repeats in its input; the server
 * answers by that job's fault plan: a fault for the first N requests (or forever), then real
 * answers computed by the offline model from the call's task and input. So several jobs with
 * different faults run at once through one worker, and each fault's request count is known.
 *
 * The offline model answers as if the marker were not there (a real model would ignore it too):
 * the interview reads the request's words, and a marker read as part of them ("[fault:none]" as a
 * field "None") would change the questions asked, differently for each job.
 */
export type FaultKind =
  | 'hang'
  | 'rate_limit'
  | 'server_error'
  | 'reset'
  | 'invalid_json'
  | 'truncated'
  | 'refusal';

export interface FaultPlan {
  fault: FaultKind;
  /** How many requests of the job get the fault before real answers; `Infinity` = always. */
  times: number;
}

export interface FaultWireServer {
  baseURL: string;
  /** Requests received per marker name (fault replies + real replies). */
  requestCount(name: string): number;
  /** Requests of a marker name answered with its plan's fault: exact, whatever the timing. */
  faultCount(name: string): number;
  /**
   * Requests of a marker name answered for real (by the offline model). On a loaded machine a
   * real reply can be slower than the provider's per-attempt timeout, which then retries it: this
   * one is only a lower bound of the model calls.
   */
  realCount(name: string): number;
  close(): Promise<void>;
}

const offline = createOfflineModel();
// The offline model only validates its own output against the caller's schema; the openai
// provider validates the reply again on its side, with the real schema.
const acceptAnything = { safeParse: (value: unknown) => ({ success: true, data: value }) };

const marker = /\s*\[fault:[a-z_0-9-]+\]/g;

/** The call's input with every fault marker taken out of its strings. */
function withoutMarkers(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(marker, '');
  if (Array.isArray(value)) return value.map(withoutMarkers);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutMarkers(item)]));
  return value;
}

/** `Task: <task>\n\nInput (JSON):\n<json>\n\nReply…` — the openai provider's user message. */
async function answerLikeOffline(body: unknown): Promise<WireReply> {
  const messages = (body as { messages?: { role: string; content: string }[] }).messages ?? [];
  const prompt = messages.find((message) => message.role === 'user')?.content ?? '';
  const match = /^Task: (\S+)\n\nInput \(JSON\):\n([\s\S]*)\n\nReply with JSON/.exec(prompt);
  if (!match) return errorReply(400, 'fault wire server: unexpected prompt');
  const request = {
    phase: match[1]?.startsWith('generation.') ? 'generation' : 'questioning',
    task: match[1] ?? '',
    instructions: '',
    input: withoutMarkers(JSON.parse(match[2] ?? 'null')),
    schema: acceptAnything,
    schemaName: 'reply',
  } as unknown as ModelCallRequest<unknown>;
  const { output } = await offline.call(request);
  return completionReply(output);
}

function faultReply(fault: FaultKind): WireReply {
  switch (fault) {
    case 'hang':
      return { kind: 'hang' };
    case 'rate_limit':
      return rateLimitReply({ ms: 50 });
    case 'server_error':
      return errorReply(503, 'upstream overloaded');
    case 'reset':
      return { kind: 'reset' };
    case 'invalid_json':
      return completionReply('{"facts": [ this is not json');
    case 'truncated':
      return completionReply('{"facts": [', { finishReason: 'length' });
    case 'refusal':
      return refusalReply();
  }
}

export async function startFaultWireServer(plans: Record<string, FaultPlan>): Promise<FaultWireServer> {
  const counts = new Map<string, number>();
  const faults = new Map<string, number>();
  const reals = new Map<string, number>();
  const bump = (map: Map<string, number>, name: string) => map.set(name, (map.get(name) ?? 0) + 1);
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => void handle(request, response));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const name = /\[fault:([a-z_0-9-]+)\]/.exec(raw)?.[1] ?? 'unmarked';
    const seen = (counts.get(name) ?? 0) + 1;
    counts.set(name, seen);
    const plan = plans[name];
    let reply: WireReply;
    try {
      if (plan && seen <= plan.times) {
        bump(faults, name);
        reply = faultReply(plan.fault);
      } else {
        bump(reals, name);
        reply = await answerLikeOffline(JSON.parse(raw));
      }
    } catch (error) {
      reply = errorReply(500, `fault wire server: ${String(error)}`);
    }
    writeWireReply(request, response, reply);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requestCount: (name) => counts.get(name) ?? 0,
    faultCount: (name) => faults.get(name) ?? 0,
    realCount: (name) => reals.get(name) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
