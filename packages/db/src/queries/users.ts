import { type DbOrTrx, inTransaction } from '../client.ts';
import { ConflictError, isUniqueViolation } from '../errors.ts';
import { createPersonalWorkspace } from './workspaces.ts';

export interface User {
  id: string;
  email: string;
}

/** Sign-up: the person and their personal workspace (SPEC §12) commit together or not at all. */
export async function insertUser(db: DbOrTrx, email: string, passwordHash: string): Promise<User> {
  try {
    return await inTransaction(db, async (trx) => {
      const user = await trx
        .insertInto('users')
        .values({ email, password_hash: passwordHash })
        .returning(['id', 'email'])
        .executeTakeFirstOrThrow();
      await createPersonalWorkspace(trx, user.id);
      return user;
    });
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
