import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EnvError, parseAppEnv } from './shared-env.ts';

const database = 'postgres://app@localhost:5432/app';

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseAppEnv: the variables the server and the worker share', () => {
  it('defaults everything but DATABASE_URL, and resolves the apps origin and the model', () => {
    expect(parseAppEnv({}, { DATABASE_URL: database }).shared).toEqual({
      databaseUrl: database,
      maxQuestions: 5,
      previewPort: 3001,
      previewUrl: 'http://localhost:3001',
      previewUrlSet: false,
      model: { provider: 'offline' },
    });
    expect(
      parseAppEnv({}, { DATABASE_URL: database, PREVIEW_URL: 'https://apps.example-usercontent.com' }).shared
        .previewUrl,
    ).toBe('https://apps.example-usercontent.com');
  });

  it('takes MAX_QUESTIONS from 0 (no questions: build from the request) to 20', () => {
    expect(parseAppEnv({}, { DATABASE_URL: database, MAX_QUESTIONS: '0' }).shared.maxQuestions).toBe(0);
    expect(parseAppEnv({}, { DATABASE_URL: database, MAX_QUESTIONS: '20' }).shared.maxQuestions).toBe(20);
    for (const bad of ['21', '-1', '2.5', 'five'])
      expect(problemsOf(() => parseAppEnv({}, { DATABASE_URL: database, MAX_QUESTIONS: bad }))).toEqual([
        expect.stringMatching(/^MAX_QUESTIONS: /),
      ]);
  });

  it('reads an empty value as unset (`FOO= pnpm dev`), for shared and own fields alike', () => {
    const { own, shared } = parseAppEnv(
      { OWN: z.coerce.number().default(7) },
      { DATABASE_URL: database, MAX_QUESTIONS: '', PREVIEW_PORT: '', PREVIEW_URL: '', OWN: '' },
    );
    expect(shared).toMatchObject({ maxQuestions: 5, previewUrl: 'http://localhost:3001' });
    expect(own.OWN).toBe(7);
  });

  it('lists every problem at once — shared, own, model, then the app’s own cross-checks', () => {
    expect(
      problemsOf(() =>
        parseAppEnv(
          { OWN: z.coerce.number() },
          { MODEL_PROVIDER: 'openai', OWN: 'x', PREVIEW_PORT: '70000' },
        ),
      ),
    ).toEqual([
      expect.stringMatching(/^DATABASE_URL: is required/),
      expect.stringMatching(/^PREVIEW_PORT: /),
      expect.stringMatching(/^OWN: /),
      'OPENAI_API_KEY: is required when MODEL_PROVIDER is openai',
    ]);
    expect(problemsOf(() => parseAppEnv({}, { DATABASE_URL: 'mysql://localhost/app' }))).toEqual([
      'DATABASE_URL: must be a postgres:// connection URL',
    ]);
    expect(
      problemsOf(() =>
        parseAppEnv({}, { DATABASE_URL: database }, (_values, shared) => [`checked ${shared.previewUrl}`]),
      ),
    ).toEqual(['checked http://localhost:3001']);
  });
});
