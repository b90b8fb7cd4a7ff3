import { Badge } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { roleLabels, type WorkspaceMember } from './workspace-view.ts';

export function MemberRow({
  member,
  isYou,
  removable,
  removing,
  onRemove,
}: {
  member: WorkspaceMember;
  isYou: boolean;
  removable: boolean;
  removing: boolean;
  onRemove: () => void;
}) {
  return (
    <li className="flex items-center gap-3 py-3" data-testid="member-row">
      <div className="min-w-0 flex-1">
        <div className="truncate text-sm font-medium text-text">
          {member.email}
          {isYou && <span className="ml-1.5 text-xs font-normal text-subtle">(you)</span>}
        </div>
      </div>
      <Badge tone={member.role === 'owner' ? 'accent' : 'neutral'}>{roleLabels[member.role]}</Badge>
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
