import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { AppFile } from '@app/core';
import { completionReply, errorReply, writeWireReply } from '@app/core/testing';

/**
 * A local model over the real OpenAI chat-completions wire format that "writes" whatever custom
 * code the test sets: the customise call returns it, and every fix returns it again unchanged (a
 * model that will not give up its payload). Replies are chosen by the response schema's name, so
 * the same server answers customise and fix calls in any order and needs no per-job queue.
 */
export interface AppModelServer {
  baseURL: string;
  /** The files (and deletions) every later customise and fix call answers with. */
  setChanges(changes: { files: readonly AppFile[]; deletedPaths?: readonly string[] }): void;
  /** Requests per response schema (`custom_files`, `fixed_files`, …). */
  readonly calls: Map<string, number>;
  /** Every request body as received: what the pipeline sent the model (problems included). */
  readonly bodies: string[];
  close(): Promise<void>;
}

const schemaNameOf = (body: unknown): string | null => {
  if (typeof body !== 'object' || body === null) return null;
  const format = (body as { response_format?: { json_schema?: { name?: unknown } } }).response_format;
  const name = format?.json_schema?.name;
  return typeof name === 'string' ? name : null;
};

export async function startAppModelServer(): Promise<AppModelServer> {
  let files: AppFile[] = [];
  let deletedPaths: string[] = [];
  const calls = new Map<string, number>();
  const bodies: string[] = [];
  const sockets = new Set<Socket>();

  const replyFor = (name: string | null) => {
    switch (name) {
      case 'custom_files':
      case 'fixed_files':
        return completionReply({ files, deletedPaths });
      default:
        return errorReply(400, `app model server: no reply for schema ${name}`);
    }
  };

  const server = createServer((request: IncomingMessage, response) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      bodies.push(raw);
      let name: string | null = null;
      try {
        name = schemaNameOf(JSON.parse(raw));
      } catch {
        // not JSON: answered as an unknown schema
      }
      calls.set(name ?? '(none)', (calls.get(name ?? '(none)') ?? 0) + 1);
      writeWireReply(request, response, replyFor(name));
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    setChanges: (next) => {
      files = next.files.map((file) => ({ ...file }));
      deletedPaths = [...(next.deletedPaths ?? [])];
    },
    calls,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
