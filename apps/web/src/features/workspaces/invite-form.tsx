import { type FormEvent, useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { FieldMessage, Input, Label } from '../../components/ui/input.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { InviteLinkNotice } from './invite-link-notice.tsx';
import { useInvite } from './use-workspaces.ts';
import { inviteEmailProblem, roleDescriptions } from './workspace-view.ts';

type InviteRole = keyof typeof roleDescriptions;

/** Owners invite by email and role; the answer is a single-use link to send them. */
export function InviteForm({ workspaceId }: { workspaceId: string }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InviteRole>('editor');
  const [problem, setProblem] = useState<string | null>(null);
  const invite = useInvite();

  if (invite.data) {
    return (
      <InviteLinkNotice
        email={invite.data.email}
        url={invite.data.inviteUrl}
        expiresAt={invite.data.expiresAt}
        onDone={() => {
          invite.reset();
          setEmail('');
        }}
      />
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = inviteEmailProblem(email);
    setProblem(found);
    if (!found) invite.mutate({ workspaceId, email: email.trim(), role });
  };
  const error = problem ?? (invite.error ? describeError(invite.error) : null);

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-1.5" aria-label="Invite someone">
      <Label htmlFor="invite-email">Invite by email</Label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Input
          id="invite-email"
          type="email"
          placeholder="name@example.com"
          value={email}
          invalid={Boolean(error)}
          aria-describedby="invite-message"
          onChange={(event) => setEmail(event.target.value)}
        />
        <select
          aria-label="Role"
          data-testid="invite-role"
          value={role}
          onChange={(event) => setRole(event.target.value as InviteRole)}
          className="h-9 rounded-lg border border-border bg-surface px-2 text-sm text-text"
        >
          <option value="editor">Editor</option>
          <option value="viewer">Viewer</option>
        </select>
        <Button type="submit" variant="primary" pending={invite.isPending}>
          Create invite link
        </Button>
      </div>
      <FieldMessage id="invite-message" tone={error ? 'error' : 'hint'}>
        {error ?? roleDescriptions[role]}
      </FieldMessage>
    </form>
  );
}
