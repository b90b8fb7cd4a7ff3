import { hash, verify } from '@node-rs/argon2';
import { WorkLimiter, type WorkLimiterOptions } from './work-limiter.ts';

// Algorithm.Argon2id (a const enum, which verbatimModuleSyntax cannot import).
const argon2id = 2;

// OWASP's argon2id baseline (19 MiB, 2 passes): strong, and ~20 ms per hash on a small machine.
const options = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Two hashes at once leave half of libuv's four threads for everything else. */
export const defaultPasswordWork: WorkLimiterOptions = { concurrency: 2, maxQueued: 32 };

/**
 * Password hashing and verification, every call through one `WorkLimiter` per process, so no
 * burst of sign-ins or sign-ups can take the whole thread pool (see WorkLimiter). Past the queue,
 * calls reject with TOO_MANY_REQUESTS.
 */
export class PasswordHasher {
  private readonly work: WorkLimiter;
  private decoy: Promise<string> | null = null;

  constructor(limits: WorkLimiterOptions = defaultPasswordWork) {
    this.work = new WorkLimiter(limits);
  }

  get limiter(): WorkLimiter {
    return this.work;
  }

  hash(password: string): Promise<string> {
    return this.work.run(() => hash(password, options));
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return this.work.run(async () => {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    });
  }

  /**
   * Verifying against this when the email is unknown keeps sign-in time the same either way, so
   * response timing does not reveal which emails have accounts.
   */
  async verifyDecoy(password: string): Promise<false> {
    this.decoy ??= this.hash('decoy-password-for-timing').catch((error: unknown) => {
      this.decoy = null;
      throw error;
    });
    await this.verify(await this.decoy, password);
    return false;
  }
}
