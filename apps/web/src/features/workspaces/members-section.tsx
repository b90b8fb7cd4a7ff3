import { Link, useLocation } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { useCurrentUser } from '../auth/use-session.ts';
import { InviteForm } from './invite-form.tsx';
import { MemberRow } from './member-row.tsx';
import { PendingInvites } from './pending-invites.tsx';
import {
  useChangeRole,
  useLeaveWorkspace,
  useMembers,
  useRemoveMember,
  useWorkspaces,
} from './use-workspaces.ts';
import { canManage, mayLeave, removableBy, roleChangeableBy } from './workspace-view.ts';

/**
 * The Workspace screen (SPEC §10): members with roles (owners change them), invite by email (a link
 * to copy; pending ones listed and revocable), remove, leave.
 */
export function MembersSection({ workspaceId }: { workspaceId: string }) {
  const user = useCurrentUser();
  const workspaces = useWorkspaces();
  const members = useMembers(workspaceId);
  const remove = useRemoveMember(workspaceId);
  const changeRole = useChangeRole(workspaceId);
  const leave = useLeaveWorkspace();
  const [, navigate] = useLocation();
  const workspace = workspaces.data?.find((item) => item.id === workspaceId);

  if (members.isError) {
    return (
      <section className="mx-auto max-w-2xl px-4 py-10 sm:px-6">
        <p className="text-sm text-danger">{describeError(members.error)}</p>
        <Link href="/" className="mt-2 inline-block text-sm text-accent-text underline">
          Back to your apps
        </Link>
      </section>
    );
  }

  const list = members.data ?? [];
  const me = workspace ? { userId: user.id, role: workspace.role } : null;
  return (
    <section className="mx-auto max-w-2xl px-4 py-10 sm:px-6" aria-labelledby="members-heading">
      <h1 id="members-heading" className="text-xl font-semibold text-text">
        {workspace ? `${workspace.name} members` : 'Members'}
      </h1>
      <p className="mt-1 text-sm text-muted">
        Owners manage members; editors create, change, publish and export apps; viewers use published apps.
      </p>
      {me && canManage(me.role) && (
        <Card className="mt-6 p-4">
          <InviteForm workspaceId={workspaceId} />
        </Card>
      )}
      <Card className="mt-4 px-4">
        {members.isPending ? (
          <div className="flex flex-col gap-3 py-4">
            <Skeleton className="h-5 w-56" />
            <Skeleton className="h-5 w-48" />
          </div>
        ) : (
          <ul className="divide-y divide-border" data-testid="member-list">
            {list.map((member) => (
              <MemberRow
                key={member.userId}
                member={member}
                isYou={member.userId === user.id}
                removable={me !== null && removableBy(me, member, list)}
                removing={remove.isPending && remove.variables?.userId === member.userId}
                onRemove={() => remove.mutate({ workspaceId, userId: member.userId })}
                {...(me && workspace && roleChangeableBy(me, member, workspace.personal)
                  ? {
                      onChangeRole: (role) => changeRole.mutate({ workspaceId, userId: member.userId, role }),
                      changingRole: changeRole.isPending && changeRole.variables?.userId === member.userId,
                    }
                  : {})}
              />
            ))}
          </ul>
        )}
      </Card>
      {remove.error && <p className="mt-2 text-sm text-danger">{describeError(remove.error)}</p>}
      {changeRole.error && (
        <p className="mt-2 text-sm text-danger" role="alert">
          {describeError(changeRole.error)}
        </p>
      )}
      {me && canManage(me.role) && <PendingInvites workspaceId={workspaceId} />}
      {workspace && !workspace.personal && mayLeave(user.id, list) && (
        <div className="mt-6">
          <Button
            variant="danger"
            pending={leave.isPending}
            onClick={() =>
              leave.mutate({ workspaceId }, { onSuccess: () => navigate('/', { replace: true }) })
            }
          >
            Leave workspace
          </Button>
          {leave.error && <p className="mt-2 text-sm text-danger">{describeError(leave.error)}</p>}
        </div>
      )}
    </section>
  );
}
