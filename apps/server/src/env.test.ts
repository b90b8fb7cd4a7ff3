import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadEnv } from './env.ts';

const base = {
  DATABASE_URL: 'postgres://localhost/app',
  SESSION_SECRET: 'a-session-secret-of-at-least-32-characters',
  MODEL_PROVIDER: 'offline',
};

/** loadEnv prints every problem and exits; catch the exit and return what it printed. */
function refusal(env: Record<string, string>): string | null {
  const printed: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((message: string) => void printed.push(message));
  vi.spyOn(process, 'exit').mockImplementation((code) => {
    throw new Error(`exit ${code}`);
  });
  try {
    loadEnv(env);
    return null;
  } catch (error) {
    expect((error as Error).message).toBe('exit 1');
    return printed.join('\n');
  }
}

afterEach(() => vi.restoreAllMocks());

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
