import { type FormEvent, useEffect, useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { FieldMessage, Input, Label } from '../../components/ui/input.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { useCreateWorkspace } from './use-workspaces.ts';
import { workspaceNameProblem } from './workspace-view.ts';

/** "New workspace": a name, and the person becomes its owner. Esc or Cancel closes it. */
export function CreateWorkspaceDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (workspaceId: string) => void;
}) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const create = useCreateWorkspace();

  useEffect(() => {
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', closeOnEscape);
    return () => window.removeEventListener('keydown', closeOnEscape);
  }, [onClose]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = workspaceNameProblem(name);
    setProblem(found);
    if (found) return;
    create.mutate({ name: name.trim() }, { onSuccess: ({ workspace }) => onCreated(workspace.id) });
  };
  const error = problem ?? (create.error ? describeError(create.error) : null);

  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-black/30 px-4 pt-24">
      <Card
        className="w-full max-w-sm p-4"
        role="dialog"
        aria-modal="true"
        aria-labelledby="new-workspace-title"
      >
        <form onSubmit={submit} noValidate className="flex flex-col gap-2">
          <h2 id="new-workspace-title" className="text-base font-semibold text-text">
            New workspace
          </h2>
          <Label htmlFor="workspace-name">Name</Label>
          <Input
            id="workspace-name"
            autoFocus
            placeholder="e.g. Front desk"
            value={name}
            invalid={Boolean(error)}
            aria-describedby="workspace-name-message"
            onChange={(event) => setName(event.target.value)}
          />
          <FieldMessage id="workspace-name-message" tone={error ? 'error' : 'hint'}>
            {error ?? 'You will be its owner and can invite people to it.'}
          </FieldMessage>
          <div className="mt-2 flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" pending={create.isPending}>
              Create workspace
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
