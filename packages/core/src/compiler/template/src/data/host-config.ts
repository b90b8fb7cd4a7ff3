/**
 * What the page serving the app says about its data (the apps origin writes it as a JSON element,
 * apps/server/src/apps-origin/data-host.ts): the data API's path on this origin and, in a preview,
 * the preview link's token. No element — the verifier's sandbox, an exported project, a file opened
 * by itself — means no server: the app keeps its records in the browser.
 */
export interface DataHost {
  api: string;
  previewToken: string | null;
}

export const dataHostElementId = 'app-data-host';

/** The part of `document` read here (typed structurally: the builder's server type-checks this file too). */
interface PageLike {
  getElementById(id: string): { tagName: string; textContent: string | null } | null;
}

export function readDataHost(doc: PageLike | undefined): DataHost | null {
  const element = doc?.getElementById(dataHostElementId);
  if (element?.tagName !== 'SCRIPT') return null;
  try {
    const parsed: unknown = JSON.parse(element.textContent ?? '');
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { api, previewToken } = parsed as { api?: unknown; previewToken?: unknown };
    // Only a path on this same origin: the page's CSP allows nothing else anyway.
    if (typeof api !== 'string' || !/^\/[A-Za-z0-9/_-]*$/.test(api)) return null;
    return { api, previewToken: typeof previewToken === 'string' ? previewToken : null };
  } catch {
    return null;
  }
}
