import { describe, expect, it } from 'vitest';
import { PasswordHasher } from './passwords.ts';
import { WorkLimiter } from './work-limiter.ts';

describe('WorkLimiter', () => {
  it('runs at most `concurrency` tasks, queues up to `maxQueued`, refuses the rest at once, in order', async () => {
    const limiter = new WorkLimiter({ concurrency: 2, maxQueued: 3 });
    let running = 0;
    let peak = 0;
    const finished: number[] = [];
    const releases: (() => void)[] = [];
    const task = (id: number) =>
      limiter.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        finished.push(id);
        return id;
      });
    const accepted = [0, 1, 2, 3, 4].map(task);
    const refused = await Promise.allSettled([task(5), task(6)]);
    expect(refused.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(limiter.active).toBe(2);
    expect(limiter.queued).toBe(3);
    while (finished.length < 5) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      releases.shift()?.();
    }
    expect(await Promise.all(accepted)).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(finished).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.active).toBe(0);
    // Freed capacity is usable again, and a failing task gives its slot back.
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(async () => 'again')).toBe('again');
    expect(limiter.active).toBe(0);
  });
});

describe('PasswordHasher', () => {
  it('bounds real argon2 work: 2 at once, the burst past the queue refused, the rest verified', async () => {
    const hasher = new PasswordHasher({ concurrency: 2, maxQueued: 4 });
    const stored = await hasher.hash('correct horse battery');
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, hasher.limiter.active);
    }, 1);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        hasher.verify(stored, index === 0 ? 'correct horse battery' : 'wrong password'),
      ),
    );
    clearInterval(sampler);
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(fulfilled).toHaveLength(6);
    expect(rejected).toHaveLength(4);
    expect((fulfilled[0] as PromiseFulfilledResult<boolean>).value).toBe(true);
    expect(
      fulfilled.slice(1).every((result) => (result as PromiseFulfilledResult<boolean>).value === false),
    ).toBe(true);
    expect(peak).toBeLessThanOrEqual(2);
    expect(await hasher.verifyDecoy('anything at all')).toBe(false);
  });
});
