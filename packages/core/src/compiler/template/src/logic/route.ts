/** Where the app is: a view, or one record's page. Kept in the URL hash so back and reload work. */
export type Route = { kind: 'view'; viewId: string } | { kind: 'record'; entityId: string; recordId: string };

export function parseRoute(hash: string): Route | null {
  const parts = hash.replace(/^#\/?/, '').split('/').map(safeDecode);
  if (parts[0] === 'view' && parts[1]) return { kind: 'view', viewId: parts[1] };
  if (parts[0] === 'record' && parts[1] && parts[2])
    return { kind: 'record', entityId: parts[1], recordId: parts[2] };
  return null;
}

export function routeHash(route: Route): string {
  return route.kind === 'view'
    ? `#/view/${encodeURIComponent(route.viewId)}`
    : `#/record/${encodeURIComponent(route.entityId)}/${encodeURIComponent(route.recordId)}`;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
