import { passwordMinLength } from '@app/core/schemas';
import { AlertCircle, ArrowRight } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { Button } from '../../components/ui/button.tsx';
import { Card } from '../../components/ui/card.tsx';
import { FieldMessage, Input, Label } from '../../components/ui/input.tsx';
import { LogoMark } from '../../components/ui/logo.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { type CredentialErrors, validateCredentials } from './credentials-validation.ts';
import { switchAuthPath } from './next-path.ts';
import { useAuthMutation } from './use-session.ts';

export type AuthMode = 'signIn' | 'signUp';

const copyByMode = {
  signIn: {
    title: 'Welcome back',
    subtitle: 'Sign in to keep building.',
    submit: 'Sign in',
    switchPrompt: 'New here?',
    switchLabel: 'Create an account',
    switchPath: '/signup',
    passwordAutocomplete: 'current-password',
  },
  signUp: {
    title: 'Create your account',
    subtitle: 'Describe a tool. We ask the right questions, then build it.',
    submit: 'Create account',
    switchPrompt: 'Already have an account?',
    switchLabel: 'Sign in',
    switchPath: '/signin',
    passwordAutocomplete: 'new-password',
  },
} as const;

/** Every password an account can have is at least this long, so shorter ones cannot sign in. */
/** The server's own wording for a failed sign-in, so both paths read the same. */
const invalidCredentialsMessage = 'Wrong email or password';

export function AuthForm({ mode, onAuthenticated }: { mode: AuthMode; onAuthenticated: () => void }) {
  const search = useSearch();
  const copy = copyByMode[mode];
  const authMutation = useAuthMutation(mode);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<CredentialErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const emailId = useId();
  const passwordId = useId();
  const formErrorId = useId();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors = validateCredentials({ email, password }, mode);
    setFieldErrors(errors);
    setFormError(null);
    if (errors.email || errors.password) return;
    if (mode === 'signIn' && password.length < passwordMinLength) {
      setFormError(invalidCredentialsMessage);
      return;
    }
    authMutation.mutate(
      { email: email.trim(), password },
      {
        onSuccess: onAuthenticated,
        onError: (error) => setFormError(describeError(error)),
      },
    );
  };

  const showPasswordHint = mode === 'signUp' && !fieldErrors.password;
  const passwordTooShortSoFar = password.length > 0 && password.length < passwordMinLength;

  return (
    <div className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-[380px]">
        <div className="mb-6 flex flex-col items-center text-center">
          <LogoMark className="mb-5 size-10" />
          <h1 className="text-xl font-semibold tracking-tight text-text">{copy.title}</h1>
          <p className="mt-1.5 text-sm text-muted">{copy.subtitle}</p>
        </div>
        <Card className="p-6">
          <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-describedby={formErrorId}>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={emailId}>Email</Label>
              <Input
                id={emailId}
                name="email"
                type="email"
                autoComplete="email"
                autoFocus
                placeholder="you@company.com"
                value={email}
                invalid={Boolean(fieldErrors.email)}
                aria-describedby={fieldErrors.email ? `${emailId}-error` : undefined}
                onChange={(event) => setEmail(event.target.value)}
              />
              {fieldErrors.email && (
                <FieldMessage id={`${emailId}-error`} tone="error">
                  {fieldErrors.email}
                </FieldMessage>
              )}
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={passwordId}>Password</Label>
              <Input
                id={passwordId}
                name="password"
                type="password"
                autoComplete={copy.passwordAutocomplete}
                placeholder={mode === 'signUp' ? `At least ${passwordMinLength} characters` : undefined}
                value={password}
                invalid={Boolean(fieldErrors.password)}
                aria-describedby={`${passwordId}-message`}
                onChange={(event) => setPassword(event.target.value)}
              />
              {fieldErrors.password ? (
                <FieldMessage id={`${passwordId}-message`} tone="error">
                  {fieldErrors.password}
                </FieldMessage>
              ) : (
                showPasswordHint && (
                  <FieldMessage id={`${passwordId}-message`}>
                    {passwordTooShortSoFar
                      ? `${passwordMinLength - password.length} more character${passwordMinLength - password.length === 1 ? '' : 's'} to go`
                      : `Use at least ${passwordMinLength} characters.`}
                  </FieldMessage>
                )
              )}
            </div>
            {formError && (
              <div
                id={formErrorId}
                role="alert"
                data-testid="auth-error"
                className="flex items-start gap-2 rounded-lg border border-danger/25 bg-danger-soft px-3 py-2.5 text-[13px] text-danger"
              >
                <AlertCircle className="mt-px size-4 shrink-0" aria-hidden="true" />
                <span>{formError}</span>
              </div>
            )}
            <Button
              type="submit"
              variant="primary"
              size="lg"
              pending={authMutation.isPending}
              className="mt-1 w-full"
            >
              {copy.submit}
              {!authMutation.isPending && <ArrowRight className="size-4" aria-hidden="true" />}
            </Button>
          </form>
        </Card>
        <p className="mt-5 text-center text-[13px] text-muted">
          {copy.switchPrompt}{' '}
          <Link
            href={switchAuthPath(copy.switchPath, search)}
            className="font-medium text-accent-text hover:underline"
          >
            {copy.switchLabel}
          </Link>
        </p>
      </div>
    </div>
  );
}
