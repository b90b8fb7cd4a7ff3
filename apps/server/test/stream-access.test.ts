import { createDb, ForbiddenError, NotFoundError } from '@app/db';
import { describe, expect, it } from 'vitest';
import { StreamAccessWatch } from '../src/realtime/access-watch.ts';
import { signUpPerson, useTestServer } from './harness.ts';

const context = useTestServer();
const person = () => signUpPerson(context.baseUrl);

describe('StreamAccessWatch', () => {
  it('re-checks every watched stream in one pass: a removed member gets NOT_FOUND, a demoted one FORBIDDEN, the rest stay', async () => {
    const [owner, editor, demoted] = await Promise.all([person(), person(), person()]);
    const { workspace } = await owner.client.trpc.workspaces.create.mutate({ name: 'Depot' });
    for (const member of [editor, demoted]) {
      const { inviteUrl } = await owner.client.trpc.workspaces.invite.mutate({
        workspaceId: workspace.id,
        email: member.email,
        role: 'editor',
      });
      await member.client.trpc.workspaces.acceptInvite.mutate({
        token: new URL(inviteUrl).pathname.split('/').at(-1) ?? '',
      });
    }
    const jobs = await Promise.all(
      ['Parcels', 'Vans'].map(async (name) => {
        const { job } = await owner.client.trpc.apps.create.mutate({
          prompt: `Track our ${name}`,
          workspaceId: workspace.id,
        });
        return job.id;
      }),
    );
    // Sweeps only when told: the interval is far away.
    const watch = new StreamAccessWatch(context.database.db, { checkIntervalMs: 3_600_000 });
    const open = (userId: string, jobId: string) =>
      watch.watch({ userId, jobId, action: 'build', signal: new AbortController().signal });
    const streams = {
      owner: jobs.map((jobId) => open(owner.id, jobId)),
      // Several tabs of the same reader on the same job: one pair in the query, every tab judged.
      editor: [...jobs, ...jobs].map((jobId) => open(editor.id, jobId)),
      demoted: jobs.map((jobId) => open(demoted.id, jobId)),
    };
    expect(watch.watched).toBe(8);
    await watch.sweep();
    expect(
      Object.values(streams)
        .flat()
        .every((stream) => !stream.signal.aborted),
    ).toBe(true);

    await owner.client.trpc.workspaces.removeMember.mutate({ workspaceId: workspace.id, userId: editor.id });
    await owner.client.trpc.workspaces.changeRole.mutate({
      workspaceId: workspace.id,
      userId: demoted.id,
      role: 'viewer',
    });
    await watch.sweep();
    for (const stream of streams.editor) {
      expect(stream.signal.aborted).toBe(true);
      expect(stream.lost()).toBeInstanceOf(NotFoundError);
    }
    for (const stream of streams.demoted) {
      expect(stream.signal.aborted).toBe(true);
      expect(stream.lost()).toBeInstanceOf(ForbiddenError);
    }
    for (const stream of streams.owner) {
      expect(stream.signal.aborted).toBe(false);
      expect(stream.lost()).toBeNull();
    }
    // Lost streams leave the watch; closing the rest empties it.
    expect(watch.watched).toBe(2);
    for (const stream of streams.owner) stream.dispose();
    expect(watch.watched).toBe(0);
    watch.close();
  });

  it('ends nothing when the check itself fails (a database hiccup), and says so', async () => {
    const errors: unknown[] = [];
    // A real pool whose database is not there (nothing listens on port 1): every query fails.
    const unreachable = createDb({ connectionString: 'postgres://app:app@127.0.0.1:1/app', max: 1 });
    const watch = new StreamAccessWatch(unreachable.db, {
      checkIntervalMs: 3_600_000,
      onError: (error) => errors.push(error),
    });
    const stream = watch.watch({
      userId: crypto.randomUUID(),
      jobId: crypto.randomUUID(),
      action: 'build',
      signal: new AbortController().signal,
    });
    await watch.sweep();
    expect(stream.signal.aborted).toBe(false);
    expect(errors).toHaveLength(1);
    stream.dispose();
    watch.close();
    await unreachable.db.destroy();
  });
});
