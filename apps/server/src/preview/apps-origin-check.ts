import { getDomain, parse } from 'tldts';

/**
 * What keeps generated apps away from the builder in production (docs/deploy.md#the-apps-origin): each app runs on
 * `<key>.<PREVIEW_URL host>`, and that host must sit on a registrable domain of its own. On the
 * builder's registrable domain an app would be *same-site* with the builder (SameSite=Lax cookies
 * ride along on its requests) and could set `Domain=` cookies the builder then reads. The public
 * suffix list's private section counts (`a.github.io` and `b.github.io` are separate sites), as in
 * browsers.
 *
 * Returns the problems, one line each; empty when the pair is safe. Everything on this machine
 * (`localhost`, `*.localhost`, loopback IPs) is exempt: Chromium treats each `*.localhost` name as
 * its own site and a subdomain cannot set `Domain=localhost`, so `pnpm dev` / `pnpm start` keep
 * working without DNS.
 */
export function appsOriginProblems(input: {
  publicUrl: string;
  previewUrl: string;
  previewUrlSet: boolean;
}): string[] {
  const builder = new URL(input.publicUrl);
  const apps = new URL(input.previewUrl);
  const builderLocal = isThisMachine(builder.hostname);
  const appsLocal = isThisMachine(apps.hostname);
  if (builderLocal && appsLocal) return [];
  if (!input.previewUrlSet)
    return [
      `PREVIEW_URL: required in production (PUBLIC_URL is ${builder.origin}): set it to the apps origin on a separate registrable domain, e.g. https://apps.example-usercontent.com (docs/deploy.md)`,
    ];
  const problems: string[] = [];
  if (appsLocal)
    problems.push(
      `PREVIEW_URL: ${apps.origin} is on this machine while PUBLIC_URL is ${builder.origin}: people's browsers could not open previews`,
    );
  else if (parse(apps.hostname).isIp)
    problems.push(
      `PREVIEW_URL: ${apps.origin} is an IP address; every app is served on <app key>.<PREVIEW_URL host>, which needs a host name with wildcard DNS`,
    );
  else {
    const appsSite = registrableDomain(apps.hostname);
    if (appsSite === registrableDomain(builder.hostname))
      problems.push(
        `PREVIEW_URL: ${apps.origin} shares the registrable domain ${appsSite} with PUBLIC_URL ${builder.origin}: generated apps would be same-site with the builder and could set cookies it reads. Serve apps from a separate registrable domain (e.g. https://apps.example-usercontent.com) with wildcard DNS and TLS (docs/deploy.md)`,
      );
  }
  if (builder.protocol === 'https:' && apps.protocol !== 'https:')
    problems.push(
      `PREVIEW_URL: ${apps.origin} must be https:// like PUBLIC_URL ${builder.origin} (an https page cannot frame an http preview)`,
    );
  return problems;
}

function isThisMachine(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

/** The registrable domain ("site"), or the host itself when it has none (an IP, a bare name). */
function registrableDomain(hostname: string): string {
  return getDomain(hostname, { allowPrivateDomains: true }) ?? hostname;
}
