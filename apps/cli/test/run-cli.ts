import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const cliMain = path.resolve(import.meta.dirname, '../src/main.ts');
const cliRoot = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const temporaryDirectories: string[] = [];

async function temporaryDirectory(prefix: string): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), prefix));
  temporaryDirectories.push(directory);
  return directory;
}

/** Removes every config home and tmux script directory this file made (call in afterAll). */
export async function removeTemporaryDirectories(): Promise<void> {
  const directories = temporaryDirectories.splice(0);
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
}

/** A config home of its own, so tests never read or write the real ~/.config. */
export function freshConfigHome(): Promise<string> {
  return temporaryDirectory('cli-config-');
}

export function cliEnv(configHome: string, extra: Record<string, string> = {}): Record<string, string> {
  const { APP_BUILDER_URL: _url, APP_BUILDER_TOKEN: _token, ...inherited } = process.env;
  return { ...(inherited as Record<string, string>), XDG_CONFIG_HOME: configHome, NO_COLOR: '1', ...extra };
}

/** The CLI as a script runs it: argv in, stdin piped (or closed), exit code and output out. */
export function runCli(args: string[], env: Record<string, string>, input = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cliMain, ...args], {
      cwd: cliRoot,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/**
 * The CLI in a real pseudo-terminal: a tmux session on a private socket (so other tmux users on
 * the machine are untouched), keys sent with `send-keys`, the screen read with `capture-pane`.
 */
export class TmuxSession {
  private constructor(
    private readonly socket: string,
    readonly exitFile: string,
  ) {}

  static async start(args: string[], env: Record<string, string>): Promise<TmuxSession> {
    const directory = await temporaryDirectory('cli-tty-');
    const socket = `cli-test-${process.pid}-${path.basename(directory)}`;
    const exitFile = path.join(directory, 'exit-code');
    const script = path.join(directory, 'run.sh');
    const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;
    const exports = Object.entries(env)
      .filter(([name]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      .map(([name, value]) => `export ${name}=${quote(value)}`)
      .join('\n');
    await writeFile(
      script,
      `${exports}\ncd ${quote(cliRoot)}\n${quote(process.execPath)} --import tsx ${quote(cliMain)} ${args.map(quote).join(' ')}\necho $? > ${quote(exitFile)}\nsleep 600\n`,
    );
    await run('tmux', ['-L', socket, 'new-session', '-d', '-x', '150', '-y', '50', `sh ${quote(script)}`]);
    await run('tmux', ['-L', socket, 'set-option', '-g', 'history-limit', '5000']);
    return new TmuxSession(socket, exitFile);
  }

  async screen(): Promise<string> {
    const { stdout } = await run('tmux', ['-L', this.socket, 'capture-pane', '-p', '-J', '-S', '-']);
    return stdout;
  }

  async sendKeys(...keys: string[]): Promise<void> {
    await run('tmux', ['-L', this.socket, 'send-keys', ...keys]);
  }

  /** Polls the screen until `pattern` shows (screens update as the job streams). */
  async waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`no ${pattern} on screen after ${timeoutMs} ms:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async exitCode(timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = await readFile(this.exitFile, 'utf8').catch(() => '');
      if (text.trim() !== '') return Number(text.trim());
      if (Date.now() > deadline)
        throw new Error(`the CLI did not exit within ${timeoutMs} ms:\n${await this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async kill(): Promise<void> {
    await run('tmux', ['-L', this.socket, 'kill-server']).catch(() => undefined);
  }
}
