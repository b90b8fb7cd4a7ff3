import type { Db } from '../client.ts';
import { createAppWithJob } from '../queries/apps.ts';
import { insertUser } from '../queries/users.ts';
import type { TaskName } from '../tasks.ts';

let fixtureCounter = 0;

/** A user with one app and its `create` job (status `questioning`, first turn queued). */
export async function createUserWithJob(db: Db, request = 'A tracker for our support tickets') {
  fixtureCounter += 1;
  const user = await insertUser(db, `user${fixtureCounter}-${Date.now()}@example.com`, 'not-a-real-hash');
  const { app, job } = await createAppWithJob(db, { userId: user.id, name: 'Tickets', request });
  return { user, app, job };
}

export async function countGraphileJobs(db: Db, taskIdentifier?: TaskName): Promise<number> {
  let query = db
    .withSchema('graphile_worker')
    .selectFrom('jobs' as never)
    .select((eb) => eb.fn.countAll<number>().as('count'));
  if (taskIdentifier) query = query.where('task_identifier' as never, '=', taskIdentifier as never);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.count);
}
