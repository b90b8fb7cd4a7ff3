import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env.ts';

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadEnv(env);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadEnv', () => {
  it('needs only DATABASE_URL and defaults the rest (offline model without a key)', () => {
    expect(loadEnv({ DATABASE_URL: 'postgres://localhost/app' })).toEqual({
      databaseUrl: 'postgres://localhost/app',
      concurrency: 4,
      maxQuestions: 5,
      logLevel: 'info',
      model: { provider: 'offline' },
      preview: { baseUrl: 'http://localhost:3001' },
      chromiumPath: null,
    });
  });

  it('takes CHROMIUM_PATH for the verification browser (empty means discover it)', () => {
    const base = { DATABASE_URL: 'postgres://localhost/app' };
    expect(loadEnv({ ...base, CHROMIUM_PATH: '/opt/chromium/chrome' }).chromiumPath).toBe(
      '/opt/chromium/chrome',
    );
    expect(loadEnv({ ...base, CHROMIUM_PATH: '' }).chromiumPath).toBeNull();
  });

  it('defaults to openai when a key is set', () => {
    const env = loadEnv({
      DATABASE_URL: 'postgres://localhost/app',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      QUESTIONING_MODEL: 'llama3',
      WORKER_CONCURRENCY: '8',
    });
    expect(env.concurrency).toBe(8);
    expect(env.model).toEqual({
      provider: 'openai',
      apiKey: 'sk-test',
      baseURL: 'http://localhost:11434/v1',
      questioningModel: 'llama3',
      generationModel: 'gpt-4.1',
    });
    expect(
      loadEnv({ DATABASE_URL: 'postgres://db/x', OPENAI_API_KEY: 'sk', MODEL_PROVIDER: 'offline' }).model,
    ).toEqual({
      provider: 'offline',
    });
  });

  it('lists every problem at once', () => {
    expect(
      problemsOf({
        WORKER_CONCURRENCY: 'lots',
        MODEL_PROVIDER: 'openai',
        MAX_QUESTIONS: '21',
        OPENAI_BASE_URL: 'not a url',
      }),
    ).toEqual([
      expect.stringMatching(/^DATABASE_URL: /),
      expect.stringMatching(/^MAX_QUESTIONS: /),
      expect.stringMatching(/^WORKER_CONCURRENCY: /),
      expect.stringMatching(/^OPENAI_BASE_URL: /),
    ]);
  });

  it('reads the shared variables by the server’s rules: MAX_QUESTIONS=0 builds without questions', () => {
    const env = loadEnv({ DATABASE_URL: 'postgres://localhost/app', MAX_QUESTIONS: '0', PREVIEW_PORT: '0' });
    expect(env.maxQuestions).toBe(0);
    expect(env.preview).toEqual({ baseUrl: 'http://localhost:0' });
    expect(problemsOf({ DATABASE_URL: 'localhost:5432/app' })).toEqual([
      'DATABASE_URL: must be a postgres:// connection URL',
    ]);
  });

  it('holds no signing secret: SESSION_SECRET is neither required nor carried into the config', () => {
    const secret = 'a-session-secret-of-at-least-32-characters';
    const env = loadEnv({ DATABASE_URL: 'postgres://localhost/app', SESSION_SECRET: secret });
    expect(JSON.stringify(env)).not.toContain(secret);
    expect(env.preview).toEqual({ baseUrl: 'http://localhost:3001' });
    expect(problemsOf({ DATABASE_URL: 'postgres://localhost/app' })).toEqual([]);
  });
});
