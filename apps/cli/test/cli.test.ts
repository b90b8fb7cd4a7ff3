import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createBuilderClient, signUpWithCookie } from '@app/client';
import { findFreePort } from '@app/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../../../apps/server/test/harness.ts';
import { useBuilder } from '../../../packages/client/test/builder.ts';
import { severalQuestionsRequest } from '../../../tests/faults/support/requests.ts';
import { cliEnv, freshConfigHome, removeTemporaryDirectories, runCli, TmuxSession } from './run-cli.ts';

const builder = useBuilder({ maxQuestions: 3 });
const password = 'correct horse battery';
// Builds run the verifier in Chromium: seconds on an idle machine, far more on a busy one.
const buildTimeout = { timeout: 120_000 };
afterAll(removeTemporaryDirectories);

async function tokenOf(configPath: string) {
  const config = JSON.parse(await readFile(configPath, 'utf8')) as { url: string; token: string };
  return createBuilderClient({ url: config.url, token: config.token });
}

/** A person with an account, logged in through `pnpm cli login` with their own config home. */
async function loggedIn() {
  const email = uniqueEmail();
  await signUpWithCookie(builder.baseUrl, { email, password });
  const configHome = await freshConfigHome();
  const env = cliEnv(configHome, { APP_BUILDER_URL: builder.baseUrl });
  const login = await runCli(['login'], env, `${email}\n${password}\n`);
  expect(login.stderr).toBe('');
  expect(login.code).toBe(0);
  return { email, configHome, env, configPath: path.join(configHome, 'app-builder', 'config.json') };
}

describe('pnpm cli, from a script', () => {
  it('login keeps a working token in a 0600 config file; a wrong password is an auth error', async () => {
    const person = await loggedIn();
    const mode = (await stat(person.configPath)).mode & 0o777;
    expect(mode).toBe(0o600);
    const config = JSON.parse(await readFile(person.configPath, 'utf8')) as { url: string; token: string };
    expect(config.url).toBe(builder.baseUrl);
    // The stored token is a real one: it acts as the person.
    const client = createBuilderClient({ url: config.url, token: config.token });
    expect((await client.auth.me.query())?.user.email).toBe(person.email);

    const wrong = await runCli(['login'], person.env, `${person.email}\nnot the password\n`);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Wrong email or password');
  });

  it('exits 2 with a clear line on bad usage, no login, a rejected token and a server that is down', async () => {
    const env = cliEnv(await freshConfigHome(), { APP_BUILDER_URL: builder.baseUrl });
    const noCommand = await runCli([], env);
    expect(noCommand.code).toBe(2);
    expect(noCommand.stdout).toContain('Usage: pnpm cli');
    const noRequest = await runCli(['new'], env);
    expect(noRequest.code).toBe(2);
    expect(noRequest.stderr).toContain('new takes one quoted request');
    const unknown = await runCli(['apps', '--frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown option --frobnicate');

    const notSignedIn = await runCli(['apps'], env);
    expect(notSignedIn.code).toBe(2);
    expect(notSignedIn.stderr).toContain(`Not signed in to ${builder.baseUrl}; run \`pnpm cli login\``);

    const badToken = await runCli(['new', 'A tracker for our support tickets', '--yes'], {
      ...env,
      APP_BUILDER_TOKEN: 'not-a-real-token',
    });
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).toContain('Your token was rejected; run `pnpm cli login`');

    const downUrl = `http://127.0.0.1:${await findFreePort()}`;
    const down = await runCli(['apps', '--url', downUrl], { ...env, APP_BUILDER_TOKEN: 'x' });
    expect(down.code).toBe(2);
    expect(down.stderr).toContain(`Cannot reach the builder at ${downUrl}. Is \`pnpm dev\` running?`);
  });

  it(
    'new --yes answers every question with its recommendation, builds, prints the preview URL and exits 0',
    buildTimeout,
    async () => {
      const person = await loggedIn();
      // One record type: the smallest app the interview still asks about, so the quickest to verify.
      const built = await runCli(['new', 'A tracker for our support tickets', '--yes'], person.env);
      expect(built.stderr).toBe('');
      expect(built.code).toBe(0);
      expect(built.stdout).toMatch(/Question 1 /);
      expect(built.stdout).toContain('(recommended)');
      expect(built.stdout).toMatch(/\d+\/\d+ checks passed/);
      const preview = /^Preview: (http:\/\/\S+\/v\/\S+\?token=\S+)$/m.exec(built.stdout);
      expect(preview).not.toBeNull();
      const versionId = /^Version: (\S+)$/m.exec(built.stdout)?.[1] as string;

      const apps = await runCli(['apps'], person.env);
      expect(apps.code).toBe(0);
      expect(apps.stdout).toContain(`v1 ${versionId}`);

      // publish is newer than some servers: either it works or the CLI says this one lacks it.
      const published = await runCli(['publish', versionId], person.env);
      if (published.code === 0) expect(published.stdout).toMatch(/^Published: http/m);
      else expect(published.stderr).toContain('versions.publish is not supported by this server');

      // A change to an app with no version yet is refused with CONFLICT; a missing app is NOT_FOUND.
      const client = await tokenOf(person.configPath);
      const { app, job } = await client.apps.create.mutate({ prompt: 'A tracker for our support tickets' });
      await client.jobs.cancel.mutate({ jobId: job.id });
      const conflict = await runCli(['change', app.id, 'add a due date'], person.env);
      expect(conflict.code).toBe(2);
      expect(conflict.stderr).toContain('This app has no version yet to change');
      expect(conflict.stderr).toContain('conflict');
      const missing = await runCli(['change', crypto.randomUUID(), 'add a due date'], person.env);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('Not found');
    },
  );
});

describe('pnpm cli new, in a terminal', () => {
  const sessions: TmuxSession[] = [];
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.kill()));
  });
  let env: Record<string, string>;
  let configPath: string;
  beforeAll(async () => {
    ({ env, configPath } = await loggedIn());
  });

  it(
    'shows numbered cards: 2 answers with the second option, s skips, b builds now; the build streams to a preview URL',
    buildTimeout,
    async () => {
      const session = await TmuxSession.start(['new', severalQuestionsRequest], env);
      sessions.push(session);
      const first = await session.waitFor(/Question 1[\s\S]*b\) Build now/);
      const secondOption = /^\s+2\) (.+?)( \(recommended\))?$/m.exec(
        first.slice(first.lastIndexOf('Question 1')),
      )?.[1];
      expect(secondOption).toBeDefined();
      expect(first).toMatch(/1\) .+ \(recommended\)|2\) .+ \(recommended\)/);
      await session.sendKeys('2');
      await session.waitFor(/Question 2[\s\S]*b\) Build now/);
      await session.sendKeys('s');
      const third = await session.waitFor(/Question 3[\s\S]*b\) Build now|Building/);
      if (/Question 3/.test(third)) await session.sendKeys('b');
      const done = await session.waitFor(/^Preview: http/m, 110_000);
      expect(done).toContain(`→ ${secondOption}`);
      expect(done).toMatch(/→ skipped — assuming: /);
      expect(done).toMatch(/checks passed/);
      expect(await session.exitCode()).toBe(0);
    },
  );

  it('Ctrl-C asks to cancel the job; y cancels it and exits 1', { timeout: 60_000 }, async () => {
    const session = await TmuxSession.start(['new', 'A tracker for our support tickets'], env);
    sessions.push(session);
    await session.waitFor(/Question 1[\s\S]*b\) Build now/, 25_000);
    await session.sendKeys('C-c');
    await session.waitFor(/Cancel the job\? \(y\/N\)/, 10_000);
    await session.sendKeys('y', 'Enter');
    await session.waitFor(/^Cancelled\.$/m, 10_000);
    expect(await session.exitCode(10_000)).toBe(1);
    const appId = /· app (\S+)/.exec(await session.screen())?.[1] as string;
    const client = await tokenOf(configPath);
    const { jobs } = await client.apps.get.query({ appId });
    expect(jobs.map((job) => job.status)).toEqual(['cancelled']);
  });
});
