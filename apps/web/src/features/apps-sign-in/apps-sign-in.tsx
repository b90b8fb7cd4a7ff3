import { useMutation } from '@tanstack/react-query';
import { LogIn } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import { Card } from '../../components/ui/card.tsx';
import { describeError } from '../../lib/describe-error.ts';
import { trpcErrorCode, useTRPC } from '../../lib/trpc.ts';
import { useCurrentUser } from '../auth/use-session.ts';
import { type AppsSignInRequest, isAppOriginCallback } from './apps-sign-in-request.ts';

/**
 * Signed in here (RequireSession took the person through sign-in and back), the builder issues a
 * one-time code for the published app and sends the browser to the app's own origin, which trades
 * it for a session of that origin (apps/server/src/apps-origin/sign-in.ts). Done on arrival: the
 * person already asked to open the app, and a code is only worth anything to this browser. Whether
 * they may use the app is the app origin's to say (its 403 page names who is signed in).
 */
export function AppsSignIn({ request }: { request: AppsSignInRequest | null }) {
  const trpc = useTRPC();
  const user = useCurrentUser();
  const issue = useMutation(trpc.auth.appOriginCode.mutationOptions());
  const started = useRef(false);
  const { mutate } = issue;

  useEffect(() => {
    // Once per visit, even when React runs effects twice in development.
    if (!request || started.current) return;
    started.current = true;
    mutate(request, {
      onSuccess: ({ url }) => {
        if (isAppOriginCallback(url)) window.location.replace(url);
      },
    });
  }, [request, mutate]);

  const problem = !request
    ? 'This sign-in link is incomplete. Open the app’s address again.'
    : issue.error
      ? trpcErrorCode(issue.error) === 'NOT_FOUND'
        ? 'There is no such app: it may have been deleted. Check the address with whoever sent it.'
        : describeError(issue.error)
      : null;

  return (
    <section className="mx-auto max-w-md px-4 py-16">
      <Card className="p-6 text-center">
        <div className="mx-auto mb-3 flex size-10 items-center justify-center rounded-full bg-surface-sunken text-muted">
          <LogIn className="size-5" aria-hidden="true" />
        </div>
        {problem ? (
          <>
            <h1 className="text-lg font-semibold text-text">Can’t open this app</h1>
            <p className="mt-1 text-sm text-danger" role="alert" data-testid="apps-sign-in-error">
              {problem}
            </p>
            <Link href="/" className="mt-4 inline-block text-sm text-accent-text hover:underline">
              Back to your apps
            </Link>
          </>
        ) : (
          <>
            <h1 className="text-lg font-semibold text-text">Opening the app…</h1>
            <p className="mt-1 text-sm text-muted" data-testid="apps-sign-in-pending">
              Signing you in as <span className="font-medium text-text">{user.email}</span>.
            </p>
          </>
        )}
      </Card>
    </section>
  );
}
