import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelAbortedError } from '../../errors.ts';
import { createTestVerifier } from '../../testing/test-verifier.ts';
import type { AppFile } from '../app-files.ts';
import { bundleApp } from '../bundle-app.ts';
import type { AppBundle } from './browser-verifier.ts';
import type { VerificationCheck } from './checks.ts';
import { commandLine, processTree } from './process-tree.ts';

// Left behind by a worker killed with -9 (its browser is long gone): the next launch removes it.
const staleLaunch = path.join(tmpdir(), `app-verifier-stale-${process.pid}`);
mkdirSync(staleLaunch, { recursive: true });
writeFileSync(path.join(staleLaunch, 'browser.pid'), '2147483646');
utimesSync(staleLaunch, new Date(Date.now() - 600_000), new Date(Date.now() - 600_000));

// Set before the browser starts: the browser must not inherit this process's environment.
process.env.VERIFIER_TEST_SECRET = 'do-not-leak-4f1c';

// The product's own CPU budget (3 s to load, plus 1 s per check): a tighter one made good apps fail
// here on a loaded 2-core machine, where a fresh renderer's start-up alone costs a good share.
const cpuLimitMs = 3_000;
const verifier = createTestVerifier({ cpuLimitMs, rendererHeapMb: 64 });
afterAll(() => verifier.close());

const counter = `import { useState } from 'react';
import { Label } from './Label';
import './styles.css';

export default function App() {
  const [count, setCount] = useState(() => Number(localStorage.getItem('count') ?? '0'));
  const [name, setName] = useState('');
  const [size, setSize] = useState('s');
  return (
    <main>
      <button type="button" onClick={() => setCount(count + 1)}><Label count={count} /></button>
      <input aria-label="Name" value={name} onChange={(event) => setName(event.target.value)} />
      <select aria-label="Size" value={size} onChange={(event) => setSize(event.target.value)}>
        <option value="s">Small</option>
        <option value="l">Large</option>
      </select>
      <p id="echo">{name}/{size}</p>
    </main>
  );
}
`;
const label = `export function Label({ count }: { count: number }) {
  return <span>Clicked {count} times</span>;
}
`;
const goodApp: AppFile[] = [
  { path: 'src/App.tsx', content: counter },
  { path: 'src/Label.tsx', content: label },
  { path: 'src/styles.css', content: 'button { color: teal; }' },
];
const withFile = (path: string, content: string) => [
  ...goodApp.filter((file) => file.path !== path),
  { path, content },
];
const appRendering = (body: string, before = '') =>
  withFile('src/App.tsx', `${before}\nexport default function App() {\n${body}\n}\n`);

async function bundle(files: AppFile[]): Promise<AppBundle> {
  const result = await bundleApp(files, { sourceMap: true });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

/** The chromium processes this test process started (the browser is our child, the rest its tree). */
function ourChromiumProcesses(): number[] {
  return processTree(process.pid)
    .filter((info) => info.pid !== process.pid && commandLine(info.pid).includes('chromium'))
    .map((info) => info.pid);
}

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

const clickCheck: VerificationCheck = {
  id: 'click-counts',
  title: 'Clicking the button counts',
  async run(page) {
    await page.click('role=button');
    const text = await page.textOf('role=button');
    return { ok: text === 'Clicked 1 times', detail: `button reads "${text}"` };
  },
};

describe('createBrowserVerifier', () => {
  it('passes a good app, and drives it through the check page (click, fill, select, read)', async () => {
    const formCheck: VerificationCheck = {
      id: 'form',
      title: 'The form echoes what was entered',
      async run(page) {
        await page.fill('role=textbox[name="Name"]', 'Ada');
        await page.select('role=combobox[name="Size"]', 'Large');
        const echo = await page.textOf('#echo');
        return { ok: echo === 'Ada/l', detail: `echo reads "${echo}"` };
      },
    };
    const result = await verifier.verifyApp(await bundle(goodApp), [clickCheck, formCheck]);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checks.map((check) => [check.id, check.ok])).toEqual([
      ['renders', true],
      ['click-counts', true],
      ['form', true],
    ]);
    expect(result.checks[0]?.title).toBe('The app renders without errors');
    expect(existsSync(staleLaunch)).toBe(false);
  });

  it('runs groups side by side on fresh pages: what one group changes, no other group sees', async () => {
    // Clicks are counted in memory and kept in localStorage, read back when the page loads.
    const persisted = withFile(
      'src/App.tsx',
      `import { useState } from 'react';
export default function App() {
  const [count, setCount] = useState(() => Number(localStorage.getItem('count') ?? '0'));
  const click = () => {
    localStorage.setItem('count', String(count + 1));
    setCount(count + 1);
  };
  return <button type="button" onClick={click}>Clicked {count} times</button>;
}
`,
    );
    let clicked: () => void = () => {};
    const changed = new Promise<void>((resolve) => {
      clicked = resolve;
    });
    const reads = (id: string, extra: Partial<VerificationCheck> = {}): VerificationCheck => ({
      id,
      title: `${id} sees the app as first loaded`,
      ...extra,
      async run(page) {
        // Reads only once the other group has changed its page, so sharing would show.
        await Promise.race([changed, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        const text = await page.textOf('role=button');
        return { ok: text === 'Clicked 0 times', detail: `button reads "${text}"` };
      },
    });
    const changes: VerificationCheck = {
      id: 'changes',
      title: 'Clicking three times counts three',
      group: 'changes',
      async run(page) {
        for (let click = 0; click < 3; click += 1) await page.click('role=button');
        const text = await page.textOf('role=button');
        clicked();
        return { ok: text === 'Clicked 3 times', detail: `button reads "${text}"` };
      },
    };
    // Four groups on three pages side by side: the fourth gets a page opened after one of the
    // first three is done, in a fresh context (the same context would have kept localStorage).
    const checks = [
      reads('reader', { onlyReads: true }),
      changes,
      reads('second', { group: 'second' }),
      reads('third', { group: 'third' }),
      reads('fourth', { group: 'fourth' }),
    ];
    const result = await verifier.verifyApp(await bundle(persisted), checks);
    expect(result.checks.map((check) => [check.id, check.ok, check.detail])).toEqual([
      ['renders', true, expect.any(String)],
      ['reader', true, 'button reads "Clicked 0 times"'],
      ['changes', true, 'button reads "Clicked 3 times"'],
      ['second', true, 'button reads "Clicked 0 times"'],
      ['third', true, 'button reads "Clicked 0 times"'],
      ['fourth', true, 'button reads "Clicked 0 times"'],
    ]);
    expect(result.ok).toBe(true);
  });

  it('blames an error on the check whose page threw it, not on checks running beside it', async () => {
    const throwing = withFile(
      'src/App.tsx',
      `import { useState } from 'react';
export default function App() {
  const [count, setCount] = useState(0);
  const click = () => {
    setTimeout(() => {
      throw new Error('clicked into a broken handler');
    }, 0);
    setCount(count + 1);
  };
  return <button type="button" onClick={click}>Clicked {count} times</button>;
}
`,
    );
    const slowRead = (id: string): VerificationCheck => ({
      id,
      title: `${id} reads the button`,
      group: id,
      async run(page) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const text = await page.textOf('role=button');
        return { ok: text === 'Clicked 0 times', detail: `button reads "${text}"` };
      },
    });
    const result = await verifier.verifyApp(await bundle(throwing), [
      { ...clickCheck, group: 'clicks' },
      slowRead('beside'),
      slowRead('also-beside'),
    ]);
    expect(result.checks.map((check) => [check.id, check.ok])).toEqual([
      ['renders', true],
      ['click-counts', false],
      ['beside', true],
      ['also-beside', true],
    ]);
    expect(result.checks[1]?.detail).toMatch(/clicked into a broken handler/);
  });

  it('fails a check that does not hold, as a problem from the check', async () => {
    const wrong: VerificationCheck = {
      id: 'wrong',
      title: 'The button says hello',
      async run(page) {
        const text = await page.textOf('role=button');
        return { ok: text === 'hello', detail: `button reads "${text}"` };
      },
    };
    const result = await verifier.verifyApp(await bundle(goodApp), [wrong]);
    expect(result.ok).toBe(false);
    expect(result.checks[1]).toEqual({
      id: 'wrong',
      title: 'The button says hello',
      ok: false,
      detail: 'button reads "Clicked 0 times"',
    });
    expect(result.problems).toEqual([
      {
        path: 'src/App.tsx',
        line: null,
        message: 'Check "The button says hello" failed: button reads "Clicked 0 times"',
        source: 'check',
      },
    ]);
  });

  it('reports a component that throws, at its file and line', async () => {
    const result = await verifier.verifyApp(
      await bundle(
        withFile(
          'src/Label.tsx',
          `export function Label(props: { count: number }) {\n  if (props.count === 0) {\n    throw new Error('no clicks yet');\n  }\n  return null;\n}\n`,
        ),
      ),
      [clickCheck],
    );
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({
      path: 'src/Label.tsx',
      line: 3,
      message: 'The app threw Error: no clicks yet',
      source: 'render',
    });
    expect(result.checks.map((check) => [check.id, check.ok])).toEqual([
      ['renders', false],
      ['click-counts', false],
    ]);
    expect(result.checks[1]?.detail).toMatch(/^Not run/);
  });

  it('fails an app that renders nothing visible', async () => {
    const result = await verifier.verifyApp(await bundle(appRendering('  return null;')));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        source: 'check',
        message: expect.stringMatching(/rendered nothing visible/),
      }),
    ]);
  });

  it('cannot forge its verdict: printed, posted, stored or displayed "ok" does not pass a throwing app', async () => {
    const forged = appRendering(
      `  console.log('{"ok":true,"problems":[],"checks":[]}');
  (window as unknown as { __verdict: unknown }).__verdict = { ok: true };
  window.postMessage({ ok: true, checks: [{ id: 'renders', ok: true }] }, '*');
  document.title = 'All checks passed';
  setTimeout(() => {
    throw new Error('real failure');
  }, 0);
  return <h1>All checks passed ✓ 1/1</h1>;`,
    );
    const result = await verifier.verifyApp(await bundle(forged), [clickCheck]);
    expect(result.ok).toBe(false);
    expect(result.checks[0]).toMatchObject({ id: 'renders', ok: false });
    expect(result.problems.map((problem) => problem.message)).toContain('The app threw Error: real failure');
  });

  it('refuses every request but the bundle: fetch, image and WebSocket to loopback never connect', async () => {
    let connections = 0;
    const listener = net.createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const { port } = listener.address() as net.AddressInfo;
    try {
      const result = await verifier.verifyApp(
        await bundle(
          appRendering(
            `  useEffect(() => {
    void fetch('http://127.0.0.1:${port}/steal').catch(() => {});
    void fetch('http://localhost:${port}/steal').catch(() => {});
    const image = new Image();
    image.src = 'http://127.0.0.1:${port}/pixel.png';
    document.body.appendChild(image);
    try {
      new WebSocket('ws://127.0.0.1:${port}/socket');
    } catch {}
    navigator.sendBeacon?.('http://127.0.0.1:${port}/beacon', 'x');
  }, []);
  return <p>offline</p>;`,
            `import { useEffect } from 'react';`,
          ),
        ),
      );
      // Give any connection that did leave time to arrive.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(connections).toBe(0);
      expect(result.ok).toBe(false);
      expect(result.problems.length).toBeGreaterThan(0);
    } finally {
      listener.close();
    }
  });

  it('stops an infinite loop within its CPU limit, kills that browser tree, and the next app passes', async () => {
    await verifier.verifyApp(await bundle(goodApp)); // the browser is up
    const before = ourChromiumProcesses();
    expect(before.length).toBeGreaterThan(2); // browser, zygotes, renderers…
    const started = Date.now();
    const result = await verifier.verifyApp(await bundle(appRendering('  while (true) {}')), [clickCheck]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        source: 'render',
        message: expect.stringMatching(new RegExp(`${cpuLimitMs} ms of CPU time`)),
      }),
    );
    expect(result.checks.map((check) => check.ok)).toEqual([false, false]);
    // SIGKILL is delivered at once, but a process leaves /proc only once it is reaped.
    for (let waited = 0; waited < 3_000 && before.some(isAlive); waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(before.filter(isAlive)).toEqual([]);

    const next = await verifier.verifyApp(await bundle(goodApp), [clickCheck]);
    expect(next.ok).toBe(true);
    expect(ourChromiumProcesses().some((pid) => before.includes(pid))).toBe(false);
  });

  it('fails an app that allocates without bound as out of memory, and the next app passes', async () => {
    const result = await verifier.verifyApp(
      await bundle(
        appRendering('  const hoard: string[][] = [];\n  for (;;) hoard.push(new Array(100_000).fill("x"));'),
      ),
    );
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ source: 'render', message: expect.stringMatching(/out of memory/) }),
    );
    expect((await verifier.verifyApp(await bundle(goodApp))).ok).toBe(true);
  });

  it('rejects promptly when its signal aborts, and keeps working', async () => {
    const controller = new AbortController();
    const pending = verifier.verifyApp(await bundle(appRendering('  while (true) {}')), [], {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    await expect(pending).rejects.toBeInstanceOf(ModelAbortedError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await verifier.verifyApp(await bundle(goodApp))).ok).toBe(true);
  });

  it.runIf(process.getuid?.() === 0)(
    'as root, runs the browser as an unprivileged user with its own sandbox on and none of our environment',
    async () => {
      const seen: { uid: string; command: string; seccomp: string; environ: string }[] = [];
      const inspect: VerificationCheck = {
        id: 'inspect',
        title: 'Inspects the browser processes while the app runs',
        async run() {
          for (const pid of ourChromiumProcesses()) {
            const status = readFileSync(`/proc/${pid}/status`, 'utf8');
            seen.push({
              uid: status.match(/^Uid:\s+(\d+)/m)?.[1] ?? '',
              seccomp: status.match(/^Seccomp:\s+(\d+)/m)?.[1] ?? '',
              command: commandLine(pid),
              environ: readFileSync(`/proc/${pid}/environ`, 'utf8'),
            });
          }
          return { ok: true, detail: `${seen.length} processes` };
        },
      };
      const result = await verifier.verifyApp(await bundle(goodApp), [inspect]);
      expect(result.ok).toBe(true);
      expect(seen.length).toBeGreaterThan(2);
      expect(seen.every((entry) => entry.uid !== '0' && entry.uid !== '')).toBe(true);
      expect(seen.some((entry) => entry.command.includes('--no-sandbox'))).toBe(false);
      const renderers = seen.filter((entry) => entry.command.includes('--type=renderer'));
      expect(renderers.length).toBeGreaterThan(0);
      // Seccomp mode 2 (filter): the renderers run inside Chromium's seccomp-bpf sandbox.
      expect(renderers.every((entry) => entry.seccomp === '2')).toBe(true);
      expect(seen.some((entry) => entry.environ.includes('do-not-leak-4f1c'))).toBe(false);
    },
  );
});
