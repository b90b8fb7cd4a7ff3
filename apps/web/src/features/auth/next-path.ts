/**
 * Where to go after signing in: the `next` query parameter, but only same-app paths, so that
 * `?next=https://evil.example` or `?next=//evil.example` never becomes an open redirect.
 */
export function safeNextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
