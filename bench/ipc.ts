/** Messages between `run.ts` and the server/worker processes it starts (Node's IPC channel). */
export type ParentMessage = { type: 'stats'; id: number; gc: boolean } | { type: 'stop' };

export interface ProcessStats {
  /** Resident set size from /proc/<pid>/status (VmRSS), in bytes. */
  rssBytes: number;
  heapUsedBytes: number;
  /** Subscriptions registered with the server's hub (0 for a worker). */
  subscriptions: number;
}

export type ChildMessage =
  | { type: 'ready'; port?: number; previewPort?: number }
  | { type: 'stats'; id: number; stats: ProcessStats }
  | { type: 'failed'; message: string };

/** VmRSS of this process: what the kernel charges it, including native buffers outside the heap. */
export async function readRssBytes(pid: number = process.pid): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match?.[1] ? Number(match[1]) * 1024 : process.memoryUsage().rss;
}

/**
 * The child side: answers stats requests, stops on request, and exits if the bench dies (the IPC
 * channel closes), so no server or worker outlives it.
 */
export function serveParent(options: { subscriptions: () => number; stop: () => Promise<void> }): void {
  const send = (message: ChildMessage) => process.send?.(message);
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(code || 1), 5_000);
    force.unref();
    await options.stop().catch(() => {});
    process.exit(code);
  };
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') void stop(0);
    if (message.type === 'stats') {
      // Collect twice: the first pass may only promote what the second frees.
      if (message.gc && typeof globalThis.gc === 'function') {
        globalThis.gc();
        globalThis.gc();
      }
      void readRssBytes().then((rssBytes) =>
        send({
          type: 'stats',
          id: message.id,
          stats: {
            rssBytes,
            heapUsedBytes: process.memoryUsage().heapUsed,
            subscriptions: options.subscriptions(),
          },
        }),
      );
    }
  });
  process.on('disconnect', () => void stop(1));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
}
