import { useLocation, useSearch } from 'wouter';
import { AuthForm, type AuthMode } from '../features/auth/auth-form.tsx';
import { safeNextPath } from '../features/auth/next-path.ts';
import { RedirectIfSignedIn } from '../features/auth/require-session.tsx';

function AuthRoute({ mode }: { mode: AuthMode }) {
  const [, navigate] = useLocation();
  const search = useSearch();
  return (
    <RedirectIfSignedIn>
      <AuthForm mode={mode} onAuthenticated={() => navigate(safeNextPath(search), { replace: true })} />
    </RedirectIfSignedIn>
  );
}

export const SignInRoute = () => <AuthRoute mode="signIn" />;
export const SignUpRoute = () => <AuthRoute mode="signUp" />;
