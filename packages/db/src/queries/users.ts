import type { DbOrTrx } from '../client.ts';
import { ConflictError, isUniqueViolation } from '../errors.ts';

export interface User {
  id: string;
  email: string;
}

export async function insertUser(db: DbOrTrx, email: string, passwordHash: string): Promise<User> {
  try {
    return await db
      .insertInto('users')
      .values({ email, password_hash: passwordHash })
      .returning(['id', 'email'])
      .executeTakeFirstOrThrow();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('email already registered');
    throw error;
  }
}

export async function findUserByEmail(
  db: DbOrTrx,
  email: string,
): Promise<(User & { passwordHash: string }) | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'email', 'password_hash'])
    .where('email', '=', email)
    .executeTakeFirst();
  return row && { id: row.id, email: row.email, passwordHash: row.password_hash };
}
