import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Kernel clock ticks per second for /proc/<pid>/stat times (USER_HZ; 100 on Linux x86-64). */
const ticksPerSecond = 100;

/** CPU time (user + system) a process has used so far, in ms; 0 if it is gone. */
export async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!stat) return 0;
  // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** The postmaster and every backend it forked (the connections of all our processes). */
export async function postgresPids(dataDir: string): Promise<number[]> {
  const postmaster = Number(
    (await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0],
  );
  if (!Number.isInteger(postmaster) || postmaster <= 0) return [];
  const pids = [postmaster];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    const parent = stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : 0;
    if (parent === postmaster) pids.push(Number(entry));
  }
  return pids;
}

/** Samples CPU time of named process groups; `stop()` returns ms used by each since `start`. */
export async function startCpuMeter(groups: Record<string, () => Promise<number[]>>) {
  const read = async () => {
    const totals: Record<string, Map<number, number>> = {};
    for (const [name, pids] of Object.entries(groups)) {
      totals[name] = new Map(
        await Promise.all((await pids()).map(async (pid) => [pid, await processCpuMs(pid)] as const)),
      );
    }
    return totals;
  };
  const before = await read();
  return {
    async stop(): Promise<Record<string, number>> {
      const after = await read();
      const used: Record<string, number> = {};
      for (const [name, pids] of Object.entries(after)) {
        let sum = 0;
        // A backend that started during the run counts from 0.
        for (const [pid, ms] of pids) sum += ms - (before[name]?.get(pid) ?? 0);
        used[name] = sum;
      }
      return used;
    },
  };
}
