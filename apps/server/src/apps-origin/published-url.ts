import { appOriginFor } from '@app/core';
import type { PublishedVersion } from '@app/db';

/** An app's stable URL: the root of its own origin, whichever version is published there. */
export function publishedUrlFor(previewBaseUrl: string, appId: string): string {
  return `${appOriginFor(previewBaseUrl, appId)}/`;
}

/** `published` as clients see it (apps.get, apps.list): the version, the URL, since when. */
export function publishedView(previewBaseUrl: string, appId: string, published: PublishedVersion | null) {
  if (!published) return null;
  return {
    versionId: published.versionId,
    number: published.number,
    url: publishedUrlFor(previewBaseUrl, appId),
    publishedAt: published.publishedAt,
  };
}

/** Where the builder sends a person after issuing their one-time code (sign-in.ts, step 2). */
export function signInCallbackUrlFor(
  previewBaseUrl: string,
  appId: string,
  input: { code: string; state: string },
): string {
  const url = new URL('/_auth/callback', appOriginFor(previewBaseUrl, appId));
  url.searchParams.set('code', input.code);
  url.searchParams.set('state', input.state);
  return url.toString();
}
