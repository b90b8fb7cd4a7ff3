import { EnvError } from '@app/core/env';
import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.ts';

const base = {
  DATABASE_URL: 'postgres://localhost/app',
  SESSION_SECRET: 'a-session-secret-of-at-least-32-characters',
  MODEL_PROVIDER: 'offline',
};

/** loadEnv throws every problem at once (main.ts prints them and exits); what it listed. */
function refusal(env: Record<string, string>): string | null {
  try {
    loadEnv(env);
    return null;
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    return error.message;
  }
}

describe('loadEnv', () => {
  it('throws an EnvError listing every problem, its own and the shared ones', () => {
    let thrown: unknown;
    try {
      loadEnv({ SESSION_SECRET: 'short', MAX_QUESTIONS: '21', PORT: 'http', MODEL_PROVIDER: 'openai' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvError);
    expect((thrown as EnvError).problems).toEqual([
      expect.stringMatching(/^DATABASE_URL: is required/),
      expect.stringMatching(/^MAX_QUESTIONS: /),
      expect.stringMatching(/^PORT: /),
      'SESSION_SECRET: must be at least 32 characters',
      'OPENAI_API_KEY: is required when MODEL_PROVIDER is openai',
    ]);
    expect((thrown as EnvError).message).toMatch(/^Invalid environment:\n {2}- DATABASE_URL/);
  });

  it('reads the shared variables by the worker’s rules: MAX_QUESTIONS=0 builds without questions', () => {
    expect(loadEnv({ ...base, MAX_QUESTIONS: '0', PREVIEW_PORT: '4001' })).toMatchObject({
      databaseUrl: base.DATABASE_URL,
      maxQuestions: 0,
      previewPort: 4001,
      previewUrl: 'http://localhost:4001',
      model: { provider: 'offline' },
    });
    expect(refusal({ ...base, DATABASE_URL: 'localhost:5432/app' })).toContain(
      'DATABASE_URL: must be a postgres:// connection URL',
    );
  });
});

describe('loadEnv: the apps origin in production', () => {
  it('refuses an apps origin on the builder’s registrable domain, saying why', () => {
    const message = refusal({
      ...base,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://builder.example.com',
      PREVIEW_URL: 'https://apps.example.com',
    });
    expect(message).toContain('Invalid environment');
    expect(message).toContain(
      'PREVIEW_URL: https://apps.example.com shares the registrable domain example.com with PUBLIC_URL https://builder.example.com',
    );
    expect(message).toContain('separate registrable domain');
    // The public suffix list decides, not a naive "last two labels".
    expect(
      refusal({
        ...base,
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://builder.shop.co.uk',
        PREVIEW_URL: 'https://apps.shop.co.uk',
      }),
    ).toContain('shares the registrable domain shop.co.uk');
  });

  it('refuses an IP apps host, a missing PREVIEW_URL and an http apps origin under an https builder', () => {
    expect(
      refusal({
        ...base,
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://builder.example.com',
        PREVIEW_URL: 'https://203.0.113.7',
      }),
    ).toContain('is an IP address');
    expect(refusal({ ...base, NODE_ENV: 'production', PUBLIC_URL: 'https://builder.example.com' })).toContain(
      'PREVIEW_URL: required in production',
    );
    expect(
      refusal({
        ...base,
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://builder.example.com',
        PREVIEW_URL: 'http://apps.example-usercontent.com',
      }),
    ).toContain('must be https://');
  });

  it('accepts a separate registrable domain, private suffixes included, and localhost', () => {
    const env = loadEnv({
      ...base,
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://builder.example.com',
      PREVIEW_URL: 'https://apps.example-usercontent.com',
    });
    expect(env.previewUrl).toBe('https://apps.example-usercontent.com');
    // github.io is a public suffix (private section): two projects on it are two sites.
    expect(
      loadEnv({
        ...base,
        NODE_ENV: 'production',
        PUBLIC_URL: 'https://builder.github.io',
        PREVIEW_URL: 'https://apps.github.io',
      }).publicUrl,
    ).toBe('https://builder.github.io');
    // `pnpm start` runs production on this machine: every app on <key>.localhost is its own site.
    expect(loadEnv({ ...base, NODE_ENV: 'production' })).toMatchObject({
      publicUrl: 'http://localhost:3000',
      previewUrl: 'http://localhost:3001',
    });
  });

  it('leaves development alone', () => {
    expect(
      loadEnv({ ...base, PUBLIC_URL: 'https://builder.example.com', PREVIEW_URL: 'https://apps.example.com' })
        .previewUrl,
    ).toBe('https://apps.example.com');
  });
});
