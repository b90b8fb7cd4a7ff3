import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { processesMentioning } from './process-tree.ts';

export interface SandboxedLaunchOptions {
  /** The real Chromium executable (from `findChromium`). */
  executablePath: string;
  /** V8 old-space cap for each renderer; an app that allocates past it crashes its page. */
  rendererHeapMb: number;
  /** The system user the browser runs as when this process is root. */
  sandboxUser: string;
  launchTimeoutMs?: number;
}

export interface SandboxedBrowser {
  browser: Browser;
  /** The browser process (the wrapper execs into Chromium, so its pid is the browser's). */
  pid: number | null;
  /** The profile directory Playwright created: every process of this browser names it. */
  profileDirectory: string | null;
  /** Removes the wrapper's directory; the browser must already be closed or killed. */
  dispose(): void;
}

/**
 * Flags that keep the browser quiet and off the network. Requests are answered by route
 * fulfilment (browser-verifier.ts); these make sure anything unrouted (a request Chromium makes
 * itself, or one that slips past routing) has nowhere to go: every host resolves to nothing and
 * the proxy is a closed port.
 */
function chromiumArguments(rendererHeapMb: number): string[] {
  return [
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-default-apps',
    '--disable-breakpad',
    '--proxy-server=127.0.0.1:9',
    '--proxy-bypass-list=<-loopback>',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    // WebRTC's ICE is neither a request (route fulfilment never sees it) nor bound by CSP or the
    // proxy: without this an app's RTCPeerConnection sends STUN/TURN datagrams to any IP it names,
    // loopback included. UDP only through a proxy means none at all (the proxy is a closed port).
    '--webrtc-ip-handling-policy=disable_non_proxied_udp',
    `--js-flags=--max-old-space-size=${rendererHeapMb}`,
  ];
}

/**
 * Launches Chromium with its own sandbox on (docs/architecture.md#chromium-sandbox). As root Playwright would pass
 * the flag that turns Chromium's sandbox off (Chromium refuses to sandbox itself as root), so the browser runs as an
 * unprivileged system user instead: Playwright starts a small wrapper script that hands the
 * profile directory to that user and `exec`s `setpriv` → `env` → Chromium, keeping the pid.
 * Not root: the same wrapper without the user switch.
 *
 * The wrapper also clears the environment (`env -i`): the browser never sees the worker's
 * secrets (DATABASE_URL, API keys); asks for SIGKILL when the worker dies (`--pdeathsig`:
 * Playwright starts the browser in its own process group, so a worker killed with -9 would
 * otherwise leave it running, renderer loop and all); and writes its pid where we can read it,
 * because `chromium.launch()` does not expose the process and a timeout must kill the whole tree.
 */
export async function launchSandboxedChromium(options: SandboxedLaunchOptions): Promise<SandboxedBrowser> {
  const { chromium } = await import('playwright-core');
  sweepStaleLaunches(options.sandboxUser);
  const directory = mkdtempSync(path.join(tmpdir(), launchPrefix));
  const pidFile = path.join(directory, 'browser.pid');
  const wrapperPath = path.join(directory, 'chromium');
  try {
    writeFileSync(wrapperPath, wrapperScript(options, directory, pidFile), { mode: 0o700 });
    const browser = await chromium.launch({
      executablePath: wrapperPath,
      chromiumSandbox: true,
      headless: true,
      args: chromiumArguments(options.rendererHeapMb),
      env: {},
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: options.launchTimeoutMs ?? 30_000,
    });
    const pid = readPid(pidFile);
    return {
      browser,
      pid,
      profileDirectory: pid === null ? null : profileDirectoryOf(pid),
      dispose: () => rmSync(directory, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}

function wrapperScript(options: SandboxedLaunchOptions, directory: string, pidFile: string): string {
  const chromium = shellQuote(options.executablePath);
  const lines = ['#!/bin/sh', `echo $$ > ${shellQuote(pidFile)}`];
  const user = process.getuid?.() === 0 ? ensureSandboxUser(options.sandboxUser, directory) : null;
  if (user) {
    lines.push(
      // Playwright creates the profile as root (0700); the browser, running as the sandbox user,
      // must own it.
      'for argument in "$@"; do',
      '  case "$argument" in',
      `    --user-data-dir=*) chown -R ${user.uid}:${user.gid} "${'$'}{argument#--user-data-dir=}" ;;`,
      '  esac',
      'done',
      `exec setpriv --reuid=${user.uid} --regid=${user.gid} --clear-groups --inh-caps=-all --pdeathsig=KILL env -i HOME=${shellQuote(user.home)} PATH=/usr/bin:/bin ${chromium} "$@"`,
    );
  } else {
    lines.push(
      `exec setpriv --pdeathsig=KILL env -i HOME=${shellQuote(directory)} PATH=/usr/bin:/bin ${chromium} "$@"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

interface SandboxUser {
  uid: number;
  gid: number;
  home: string;
}

/**
 * The unprivileged user the browser runs as: created once (`useradd --system`, no home, no
 * login shell). Chromium still wants a writable HOME (fontconfig cache, crash dumps), so it gets
 * a directory of its own inside this launch's directory.
 */
function ensureSandboxUser(name: string, directory: string): SandboxUser {
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(name)) throw new Error(`Invalid sandbox user name: ${name}`);
  let ids = lookupUser(name);
  if (!ids) {
    try {
      execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name], {
        stdio: 'pipe',
      });
    } catch (error) {
      // Another process may have created it at the same moment (exit code 9: already exists).
      if (!lookupUser(name)) throw error;
    }
    ids = lookupUser(name);
    if (!ids) throw new Error(`Could not create the sandbox user ${name}`);
  }
  // The launch directory (root's, 0700 from mkdtemp) must be traversable for the user's HOME below it.
  chmodSync(directory, 0o711);
  const home = path.join(directory, 'home');
  mkdirSync(home, { mode: 0o700 });
  chownSync(home, ids.uid, ids.gid);
  return { ...ids, home };
}

function lookupUser(name: string): { uid: number; gid: number } | null {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith(`${name}:`));
    if (!line) return null;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

function readPid(pidFile: string): number | null {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function profileDirectoryOf(pid: number): string | null {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const flag = argv.find((argument) => argument.startsWith('--user-data-dir='));
    return flag ? flag.slice('--user-data-dir='.length) : null;
  } catch {
    return null;
  }
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const launchPrefix = 'app-verifier-';
const profilePrefix = 'playwright_chromiumdev_profile-';
const staleAfterMs = 60_000;

/**
 * Removes what launches of a worker that was killed (-9, OOM) left in the temp directory: its
 * wrapper directory (its browser, per the pid file, is gone) and the sandbox user's profiles no
 * live process names. Playwright and `dispose` clean up after every launch that ends normally.
 */
function sweepStaleLaunches(sandboxUser: string): void {
  const root = tmpdir();
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  const sandboxUid = process.getuid?.() === 0 ? lookupUser(sandboxUser)?.uid : process.getuid?.();
  for (const name of names) {
    const entry = path.join(root, name);
    try {
      const stat = statSync(entry);
      if (!stat.isDirectory() || Date.now() - stat.mtimeMs < staleAfterMs) continue;
      if (name.startsWith(launchPrefix)) {
        const pid = readPid(path.join(entry, 'browser.pid'));
        if (pid === null || !isAlive(pid)) rmSync(entry, { recursive: true, force: true });
      } else if (
        name.startsWith(profilePrefix) &&
        stat.uid === sandboxUid &&
        processesMentioning(entry).length === 0
      ) {
        rmSync(entry, { recursive: true, force: true });
      }
    } catch {
      // Raced with its owner's own clean-up, or not ours to remove.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
