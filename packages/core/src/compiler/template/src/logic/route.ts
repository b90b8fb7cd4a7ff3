/**
 * Where the app is: a view, one record's page, or a custom view (src/custom/, see extensions.ts).
 * Kept in the URL hash so back and reload work. Custom views have a route kind of their own so a
 * custom id can never shadow one of the blueprint's views.
 */
export type Route =
  | { kind: 'view'; viewId: string }
  | { kind: 'record'; entityId: string; recordId: string }
  | { kind: 'custom'; viewId: string };

export function parseRoute(hash: string): Route | null {
  const parts = hash.replace(/^#\/?/, '').split('/').map(safeDecode);
  if (parts[0] === 'view' && parts[1]) return { kind: 'view', viewId: parts[1] };
  if (parts[0] === 'custom' && parts[1]) return { kind: 'custom', viewId: parts[1] };
  if (parts[0] === 'record' && parts[1] && parts[2])
    return { kind: 'record', entityId: parts[1], recordId: parts[2] };
  return null;
}

export function routeHash(route: Route): string {
  switch (route.kind) {
    case 'view':
      return `#/view/${encodeURIComponent(route.viewId)}`;
    case 'custom':
      return `#/custom/${encodeURIComponent(route.viewId)}`;
    case 'record':
      return `#/record/${encodeURIComponent(route.entityId)}/${encodeURIComponent(route.recordId)}`;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
