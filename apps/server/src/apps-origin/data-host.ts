/**
 * How a page on the apps origin tells the compiled app where its records live: a JSON element the
 * template's `chooseAdapter` reads (template src/data/host-config.ts). A page without it — the
 * verifier's sandbox, an export — keeps the app on its local sample store.
 */
export interface DataHost {
  /** Path of the data API on this origin: `/api/v1` (live) or `/v/<versionId>/api/v1` (preview). */
  api: string;
  /** A preview link's token, sent back as `X-Preview-Token` (a preview has no session). */
  previewToken: string | null;
}

export const dataHostElementId = 'app-data-host';

/** The element, with `<` escaped so nothing in it can end the script element early. */
export function dataHostTag(host: DataHost): string {
  const json = JSON.stringify(host).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${dataHostElementId}">${json}</script>`;
}
