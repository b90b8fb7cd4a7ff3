import { Building2, ChevronsUpDown, Plus, Users } from 'lucide-react';
import { useState } from 'react';
import { useLocation } from 'wouter';
import {
  DropdownMenu,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
} from '../../components/ui/dropdown-menu.tsx';
import { Skeleton } from '../../components/ui/skeleton.tsx';
import { CreateWorkspaceDialog } from './create-workspace-dialog.tsx';
import { useSelectedWorkspace } from './use-workspaces.ts';
import { roleLabels, workspaceLabel } from './workspace-view.ts';

/** The apps screen's header: which workspace's apps these are; switch, create, see members. */
export function WorkspaceSwitcher() {
  const { workspace, workspaces, isPending, select } = useSelectedWorkspace();
  const [creating, setCreating] = useState(false);
  const [, navigate] = useLocation();
  if (isPending || !workspace || !workspaces) return <Skeleton className="h-5 w-32" />;
  return (
    <>
      <DropdownMenu
        align="start"
        triggerLabel={`Workspace: ${workspace.name}. Switch workspace`}
        trigger={
          <span
            className="flex max-w-56 items-center gap-1.5 rounded-md px-1.5 py-1 text-sm font-medium text-text hover:bg-surface-sunken"
            data-testid="workspace-switcher"
          >
            <span className="truncate">{workspace.name}</span>
            <ChevronsUpDown className="size-3.5 shrink-0 text-muted" aria-hidden="true" />
          </span>
        }
      >
        {(close) => (
          <>
            <DropdownMenuLabel>Workspaces</DropdownMenuLabel>
            {workspaces.map((item) => (
              <DropdownMenuItem
                key={item.id}
                icon={<Building2 />}
                checked={item.id === workspace.id}
                onSelect={() => {
                  close();
                  select(item.id);
                }}
              >
                <span className="flex items-baseline justify-between gap-3">
                  <span className="truncate">{workspaceLabel(item)}</span>
                  <span className="text-[11px] text-subtle">{roleLabels[item.role]}</span>
                </span>
              </DropdownMenuItem>
            ))}
            <DropdownMenuSeparator />
            <DropdownMenuItem
              icon={<Users />}
              onSelect={() => {
                close();
                navigate(`/workspaces/${workspace.id}/members`);
              }}
            >
              Members of {workspace.name}
            </DropdownMenuItem>
            <DropdownMenuItem
              icon={<Plus />}
              onSelect={() => {
                close();
                setCreating(true);
              }}
            >
              New workspace…
            </DropdownMenuItem>
          </>
        )}
      </DropdownMenu>
      {creating && (
        <CreateWorkspaceDialog
          onClose={() => setCreating(false)}
          onCreated={(workspaceId) => {
            setCreating(false);
            select(workspaceId);
          }}
        />
      )}
    </>
  );
}
