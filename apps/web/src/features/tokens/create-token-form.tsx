import { type FormEvent, useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { FieldMessage, Input, Label } from '../../components/ui/input.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { NewTokenNotice } from './new-token-notice.tsx';
import { maxActiveTokensPerUser, tokenNameProblem } from './token-view.ts';
import { useCreateToken } from './use-tokens.ts';

/** Name → create → the secret shown once (until "Done", or leaving the page). */
export function CreateTokenForm({ atLimit }: { atLimit: boolean }) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const create = useCreateToken();

  if (create.data) {
    return (
      <NewTokenNotice
        name={create.variables?.name.trim() ?? ''}
        token={create.data.token}
        onDone={() => {
          create.reset();
          setName('');
        }}
      />
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = tokenNameProblem(name);
    setProblem(found);
    if (!found) create.mutate({ name: name.trim() });
  };
  const error = problem ?? (create.error ? describeError(create.error) : null);

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-1.5">
      <Label htmlFor="token-name">New token</Label>
      <div className="flex gap-2">
        <Input
          id="token-name"
          placeholder="What will use it? e.g. CI"
          value={name}
          invalid={Boolean(error)}
          aria-describedby="token-name-message"
          disabled={atLimit}
          onChange={(event) => setName(event.target.value)}
        />
        <Button type="submit" variant="primary" pending={create.isPending} disabled={atLimit}>
          Create token
        </Button>
      </div>
      {error ? (
        <FieldMessage id="token-name-message" tone="error">
          {error}
        </FieldMessage>
      ) : (
        <FieldMessage id="token-name-message">
          {atLimit
            ? `You have ${maxActiveTokensPerUser} tokens, the most one person may hold: revoke one first.`
            : 'For scripts, CI and the terminal (pnpm cli).'}
        </FieldMessage>
      )}
    </form>
  );
}
