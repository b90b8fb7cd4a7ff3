import { describe, expect, it } from 'vitest';
import { event, parseEventData } from './events.ts';
import { capMessage, maxMessageLength, redactSecrets, safeMessage } from './message-cap.ts';

const fiveMegabytes = 'x'.repeat(5 * 1024 * 1024);

describe('capMessage', () => {
  it('keeps short messages and cuts long ones to the cap, ellipsis included', () => {
    expect(capMessage('fine')).toBe('fine');
    const capped = capMessage(fiveMegabytes);
    expect(capped).toHaveLength(maxMessageLength);
    expect(capped.endsWith('…')).toBe(true);
  });

  it('never leaves half a surrogate pair', () => {
    const text = `${'a'.repeat(maxMessageLength - 2)}🚀🚀🚀`;
    const capped = capMessage(text);
    expect(capped.length).toBeLessThanOrEqual(maxMessageLength);
    expect(capped).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('redactSecrets', () => {
  it('removes credentials in the shapes drivers and env dumps print them', () => {
    const cases: [string, string][] = [
      [
        'connect ECONNREFUSED postgres://app:s3cr3t-pass@127.0.0.1:5432/app',
        'connect ECONNREFUSED postgres://[redacted]@127.0.0.1:5432/app',
      ],
      [
        'DATABASE_URL=postgresql://postgres:postgres@localhost/db',
        'DATABASE_URL=postgresql://[redacted]@localhost/db',
      ],
      ['PGPASSWORD=hunter22 psql', 'PGPASSWORD=[redacted] psql'],
      ['host=db password=hunter22 user=app', 'host=db password=[redacted] user=app'],
      ['SESSION_SECRET: "abc def"', 'SESSION_SECRET: [redacted]'],
      ['Authorization: Bearer abcdefghijklmnop', 'Authorization: Bearer [redacted]'],
      [
        '401 Incorrect API key provided: sk-proj-abcdefghijklmnopqrstu',
        '401 Incorrect API key provided: [redacted]',
      ],
    ];
    for (const [input, expected] of cases) expect(redactSecrets(input)).toBe(expected);
  });

  it('removes known values wherever they appear, and leaves ordinary text alone', () => {
    expect(redactSecrets('token was q9-Zz-81 (q9-Zz-81)', ['q9-Zz-81'])).toBe(
      'token was [redacted] ([redacted])',
    );
    const ordinary = "src/App.tsx(3,1): Type 'string' is not assignable to type 'number'.";
    expect(redactSecrets(ordinary)).toBe(ordinary);
  });

  it('safeMessage bounds the work and the result for a 5 MB message with a secret up front', () => {
    const started = performance.now();
    const message = safeMessage(`postgres://u:pw@h/db ${fiveMegabytes}`);
    expect(performance.now() - started).toBeLessThan(200);
    expect(message).toHaveLength(maxMessageLength);
    expect(message).not.toContain('pw@');
  });
});

describe('event messages', () => {
  it('event() scrubs and caps problems, check details and job failures', () => {
    const problem = {
      path: 'src/App.tsx',
      line: 1,
      message: `password=hunter22 ${fiveMegabytes}`,
      source: 'render' as const,
    };
    const finished = event('validation_finished', {
      ok: false,
      problems: [problem],
      checks: [{ id: 'render', title: 'Renders', ok: false, detail: fiveMegabytes }],
    });
    const failed = event('job_failed', { message: fiveMegabytes, retryable: true });
    const fix = event('fix_started', { attempt: 1, problems: [problem] });
    const serialized = JSON.stringify([finished, failed, fix]);
    expect(serialized.length).toBeLessThan(5 * maxMessageLength + 1_000);
    expect(serialized).not.toContain('hunter22');
  });

  it('a stored row longer than the cap still reads, capped', () => {
    const parsed = parseEventData('job_failed', { message: fiveMegabytes, retryable: false });
    expect(parsed.type === 'job_failed' && parsed.data.message.length).toBe(maxMessageLength);
  });
});
