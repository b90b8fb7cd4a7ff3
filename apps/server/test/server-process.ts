import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { testSessionSecret } from './harness.ts';

const serverDirectory = path.resolve(import.meta.dirname, '..');
const serverMain = path.join(serverDirectory, 'src/main.ts');
// A cold tsx start on a loaded 2-core CI box can take 20 s and more.
const startDeadlineMs = 60_000;

/**
 * The real server entry point in its own process (so a test can kill -9 and restart it); resolves
 * once it answers /healthz. Used by the server's restart test and the fault suite's cluster.
 */
export async function spawnServerProcess(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain], {
    cwd: serverDirectory,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      SESSION_SECRET: testSessionSecret,
      MODEL_PROVIDER: 'offline',
      PREVIEW_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-50_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + startDeadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become healthy within ${startDeadlineMs} ms:\n${output}`);
}

export async function killProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
