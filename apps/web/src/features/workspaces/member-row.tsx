import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { roleLabels, type WorkspaceMember, type WorkspaceRole } from './workspace-view.ts';

const roles: readonly WorkspaceRole[] = ['owner', 'editor', 'viewer'];

export function MemberRow({
  member,
  isYou,
  removable,
  removing,
  onRemove,
  onChangeRole,
  changingRole,
}: {
  member: WorkspaceMember;
  isYou: boolean;
  removable: boolean;
  removing: boolean;
  onRemove: () => void;
  /** Present when the viewer may change this member's role (an owner, someone else). */
  onChangeRole?: (role: WorkspaceRole) => void;
  changingRole?: boolean;
}) {
  return (
    <li className="flex flex-wrap items-center gap-3 py-3" data-testid="member-row">
      <div className="min-w-0 flex-1">
        <div className="truncate text-sm font-medium text-text">
          {member.email}
          {isYou && <span className="ml-1.5 text-xs font-normal text-subtle">(you)</span>}
        </div>
      </div>
      {onChangeRole ? (
        <select
          aria-label={`Role of ${member.email}`}
          data-testid="member-role"
          value={member.role}
          disabled={changingRole}
          onChange={(event) => onChangeRole(event.target.value as WorkspaceRole)}
          className="h-8 rounded-lg border border-border bg-surface px-2 text-sm text-text disabled:opacity-60"
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {roleLabels[role]}
            </option>
          ))}
        </select>
      ) : (
        <Badge tone={member.role === 'owner' ? 'accent' : 'neutral'}>{roleLabels[member.role]}</Badge>
      )}
      {removable && (
        <Button
          variant="ghost"
          size="sm"
          pending={removing}
          onClick={onRemove}
          aria-label={`Remove ${member.email}`}
        >
          Remove
        </Button>
      )}
    </li>
  );
}
