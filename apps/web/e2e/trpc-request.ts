import { expect, type Page } from '@playwright/test';
import type { RouterInputs, RouterOutputs } from '../src/lib/trpc.ts';

/**
 * The real tRPC API from a page's own browser context (its cookies: the person's session), for the
 * steps a test sets up rather than the ones it is about. Plain JSON, no transformer (SPEC §5), so a
 * single call is `POST /trpc/<path>` with the input as its body, or `GET …?input=<json>`.
 */
type Procedure<Router extends keyof RouterOutputs> = keyof RouterOutputs[Router] & keyof RouterInputs[Router];

async function resultOf(response: Awaited<ReturnType<Page['request']['get']>>, path: string) {
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  const body = (await response.json()) as { result: { data: unknown } };
  return body.result.data;
}

export async function trpcMutation<Router extends keyof RouterOutputs, Name extends Procedure<Router>>(
  page: Page,
  router: Router,
  procedure: Name,
  input: RouterInputs[Router][Name],
): Promise<RouterOutputs[Router][Name]> {
  const path = `${String(router)}.${String(procedure)}`;
  const response = await page.request.post(`/trpc/${path}`, { data: input });
  return (await resultOf(response, path)) as RouterOutputs[Router][Name];
}

export async function trpcQuery<Router extends keyof RouterOutputs, Name extends Procedure<Router>>(
  page: Page,
  router: Router,
  procedure: Name,
  input: RouterInputs[Router][Name],
): Promise<RouterOutputs[Router][Name]> {
  const path = `${String(router)}.${String(procedure)}`;
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await page.request.get(`/trpc/${path}${query}`);
  return (await resultOf(response, path)) as RouterOutputs[Router][Name];
}
