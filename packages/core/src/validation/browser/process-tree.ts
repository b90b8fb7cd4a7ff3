import { readdirSync, readFileSync } from 'node:fs';

/**
 * The browser's processes, read from /proc (Linux). Chromium forks a zygote, which forks the
 * renderers inside their own PID namespaces, so "the browser" is a tree, and killing only the
 * process Playwright started can leave a renderer spinning in an infinite loop. Where /proc is
 * missing every function degrades to "nothing found" and callers fall back to wall-clock limits.
 */

export interface ProcessInfo {
  pid: number;
  parentPid: number;
  /** User + system CPU time in ms. */
  cpuMs: number;
}

/** Field 4 (ppid) and fields 14 + 15 (utime + stime, in USER_HZ = 100 ticks per second on Linux). */
export function readProcess(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is parenthesised and may contain spaces or parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const parentPid = Number(fields[1]);
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (!Number.isFinite(parentPid) || !Number.isFinite(ticks)) return null;
    return { pid, parentPid, cpuMs: ticks * 10 };
  } catch {
    return null;
  }
}

function allProcesses(): ProcessInfo[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const processes: ProcessInfo[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProcess(Number(name));
    if (info) processes.push(info);
  }
  return processes;
}

/** `root` and every process below it (the root first, if it is alive). */
export function processTree(root: number): ProcessInfo[] {
  const processes = allProcesses();
  const children = new Map<number, ProcessInfo[]>();
  for (const info of processes) {
    const siblings = children.get(info.parentPid);
    if (siblings) siblings.push(info);
    else children.set(info.parentPid, [info]);
  }
  const rootInfo = processes.find((info) => info.pid === root);
  const tree: ProcessInfo[] = rootInfo ? [rootInfo] : [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    for (const child of children.get(pid) ?? []) {
      tree.push(child);
      queue.push(child.pid);
    }
  }
  return tree;
}

/** NUL-separated argv, joined with spaces; '' when unreadable (gone, or not ours). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** Processes anywhere on the machine whose command line contains `marker` (a unique profile path). */
export function processesMentioning(marker: string): number[] {
  return allProcesses()
    .map((info) => info.pid)
    .filter((pid) => pid !== process.pid && commandLine(pid).includes(marker));
}

/**
 * Kills `root`'s whole tree plus any process mentioning `marker`. Everything found is stopped
 * first (SIGSTOP) and the tree read again until nothing new appears, so a process cannot fork a
 * child between the read and the kill, nor get reparented to init out of our sight because its
 * parent died first. Then all of them get SIGKILL.
 */
export function killProcessTree(root: number, marker: string | null): number[] {
  const found = new Set<number>();
  for (let round = 0; round < 10; round += 1) {
    const before = found.size;
    for (const info of processTree(root)) found.add(info.pid);
    if (marker) for (const pid of processesMentioning(marker)) found.add(pid);
    for (const pid of found) signal(pid, 'SIGSTOP');
    if (found.size === before) break;
  }
  for (const pid of found) signal(pid, 'SIGKILL');
  return [...found];
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** Resident memory of a process in MB (VmRSS), or null when unreadable. */
export function residentMemoryMb(pid: number): number | null {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
