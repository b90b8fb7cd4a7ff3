/**
 * Where to go after signing in: the `next` query parameter, but only same-app paths, so that
 * `?next=https://evil.example` or `?next=//evil.example` never becomes an open redirect.
 */
export function safeNextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/**
 * The other auth screen's link (sign in ⇄ create an account), keeping where to go afterwards: an
 * invited person without an account follows the link to sign-up and still lands on the invite.
 */
export function switchAuthPath(path: string, search: string): string {
  const next = safeNextPath(search);
  return next === '/' ? path : `${path}?next=${encodeURIComponent(next)}`;
}
