import { Link } from 'wouter';
import { buttonClassName } from '../components/ui/button.tsx';
import { LogoMark } from '../components/ui/logo.tsx';

export function NotFoundRoute() {
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center px-4 text-center">
      <LogoMark className="mb-5 size-9" />
      <h1 className="text-lg font-semibold text-text">Page not found</h1>
      <p className="mt-1.5 text-sm text-muted">There’s nothing at this address.</p>
      <Link href="/" className={`${buttonClassName('secondary')} mt-5`}>
        Go to your apps
      </Link>
    </div>
  );
}
