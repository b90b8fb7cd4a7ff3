import http from 'node:http';
import { appKeyFor, compileBlueprint } from '@app/core';
import { toAppBlueprint } from '@app/core/data-store';
import { createRecord, type Db, insertVersion, liveDataset } from '@app/db';
import { plantCare } from '../../packages/core/src/compiler/fixtures/blueprints.ts';
import { createTestClient, type TestClient, uniqueEmail } from '../client.ts';
import { type LatencySummary, summarize } from '../stats.ts';

export interface DataApiOptions {
  /** People signed in on the app's origin; requests go round them (the limit is per person). */
  members: number;
  /** Records seeded before the lists are timed. */
  records: number;
  warmup: number;
  createSamples: number;
  listSamples: number;
  timeLimitMs: number;
}

export interface DataApiResult {
  /** POST /api/v1/plant (one record, validated, audited) → 201 parsed. */
  create: LatencySummary;
  /**
   * "List of 1,000 rows": what the published app's own adapter does to read 1,000 records —
   * GET ?limit=500 (the largest page the API serves, the adapter's page size), then the page at
   * its nextCursor — from the first request leaving to the second page parsed.
   */
  list1000: LatencySummary;
  /** The same 1,000 records in one request: GET ?limit=1000 (the API's largest page) → parsed. */
  list1000OneRequest: LatencySummary;
  /** One GET of a 500-record page → parsed. */
  page500: LatencySummary;
  /** The same 1,000 records sorted by a field (?sort=plant-name), both pages. */
  list1000Sorted: LatencySummary;
  /** A view's filter in SQL (?filter=needs-water: interval due), one page. */
  filtered: LatencySummary & { records: number };
  records: number;
  members: number;
  /** Bytes of one 500-record page's body. */
  pageBytes: number;
}

type Reply = { status: number; body: string };

/**
 * `dataApi` (SPEC §9): the published app's data API over loopback HTTP with keep-alive, exactly as
 * the compiled app calls it. Set-up through the real product: people sign up, join one workspace,
 * an app gets a version (the compiled plant-care fixture, inserted like a build's result: the data
 * API reads only its blueprint) that the owner publishes with `versions.publish`; each person signs
 * in on the app's origin through the real round trip (`/` → `auth.appOriginCode` →
 * `/_auth/callback` → `app_session`). The records the lists read are seeded with the same
 * `createRecord` the API runs (that is set-up, not timed). Every timed request must answer 2xx:
 * a refusal (a 429 included) fails the bench rather than being timed as a fast answer.
 */
export async function measureDataApi(
  db: Db,
  target: { builder: string; previewPort: number; query: (text: string) => Promise<unknown> },
  options: DataApiOptions,
): Promise<DataApiResult> {
  const owner = createTestClient(target.builder);
  await owner.signUp();
  const { workspace } = await owner.trpc.workspaces.create.mutate({ name: 'Greenhouse team' });
  const people: TestClient[] = [owner];
  for (let index = 1; index < options.members; index++) {
    const member = createTestClient(target.builder);
    const email = uniqueEmail();
    await member.trpc.auth.signUp.mutate({ email, password: 'correct horse battery' });
    const { inviteUrl } = await owner.trpc.workspaces.invite.mutate({
      workspaceId: workspace.id,
      email,
      role: index % 2 === 0 ? 'viewer' : 'editor',
    });
    await member.trpc.workspaces.acceptInvite.mutate({
      token: new URL(inviteUrl).pathname.split('/').at(-1) ?? '',
    });
    people.push(member);
  }
  const { app, job } = await owner.trpc.apps.create.mutate({
    prompt: 'Know which plants need water today.',
    name: 'Plant Care',
    workspaceId: workspace.id,
  });
  // No worker runs the interview here: the version below stands in for its build.
  await owner.trpc.jobs.cancel.mutate({ jobId: job.id });
  const version = await insertVersion(db, {
    appId: app.id,
    request: 'Know which plants need water today.',
    files: compileBlueprint(plantCare),
    ledger: [],
    plan: [],
    blueprint: plantCare,
  });
  await owner.trpc.versions.publish.mutate({ versionId: version.id });

  const host = `${appKeyFor(app.id)}.localhost:${target.previewPort}`;
  // One keep-alive connection, requests one at a time: a person's browser tab.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<Reply & { headers: http.IncomingHttpHeaders }> =>
    new Promise((resolve, reject) => {
      const outgoing = http.request(
        { host: '127.0.0.1', port: target.previewPort, path, method, agent, headers: { host, ...headers } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const cookies: string[] = [];
  for (const person of people) cookies.push(await signInOnOrigin(person, app.id, send));
  let turn = 0;
  const nextCookie = () => cookies[turn++ % cookies.length] as string;
  const expectOk = (what: string, reply: Reply): Reply => {
    if (reply.status < 200 || reply.status >= 300)
      throw new Error(`dataApi: ${what} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    return reply;
  };

  // Seeded records: about half need water "today" (watered long ago), the rest were just watered.
  const scope = { appId: app.id, dataset: liveDataset, blueprint: toAppBlueprint(plantCare) };
  const today = '2025-06-15';
  for (let index = 0; index < options.records; index++)
    await createRecord(db, scope, { entityId: 'plant', values: plantValues(index), actorId: null });
  // The statistics autovacuum would gather within a minute of the seed: time the steady state,
  // not the planner's first guess about a table it last saw empty.
  await target.query('analyze app_records');

  const deadline = performance.now() + options.timeLimitMs;
  const timed = async (what: string, samples: number, run: () => Promise<void>): Promise<number[]> => {
    for (let index = 0; index < options.warmup; index++) await run();
    const timings: number[] = [];
    for (let index = 0; index < samples; index++) {
      if (performance.now() > deadline) throw new Error(`dataApi: time limit reached during ${what}`);
      const started = performance.now();
      await run();
      timings.push(performance.now() - started);
    }
    return timings;
  };
  type Page = { records: unknown[]; nextCursor: string | null };
  const getPage = async (query: string): Promise<Page> => {
    const reply = expectOk(
      `GET ${query}`,
      await send('GET', `/api/v1/plant?${query}`, { cookie: nextCookie() }),
    );
    return JSON.parse(reply.body) as Page;
  };
  /** Every record, page after page, as the app's adapter lists them. */
  const readAll = async (extra: string): Promise<number> => {
    let count = 0;
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ limit: '500', today });
      if (extra) query.set('sort', extra);
      if (cursor) query.set('cursor', cursor);
      const page = await getPage(query.toString());
      count += page.records.length;
      cursor = page.nextCursor;
    } while (cursor);
    if (count !== options.records)
      throw new Error(`dataApi: listed ${count} records, expected ${options.records}`);
    return count;
  };

  const list1000 = await timed('list of 1,000', options.listSamples, async () => {
    await readAll('');
  });
  const list1000OneRequest = await timed('list of 1,000 in one request', options.listSamples, async () => {
    const page = await getPage(`limit=1000&today=${today}`);
    if (page.records.length !== options.records || page.nextCursor !== null)
      throw new Error(`dataApi: one request listed ${page.records.length} records`);
  });
  const list1000Sorted = await timed('sorted list of 1,000', options.listSamples, async () => {
    await readAll('plant-name');
  });
  let pageBytes = 0;
  const page500 = await timed('page of 500', options.listSamples, async () => {
    const reply = expectOk(
      'page of 500',
      await send('GET', `/api/v1/plant?limit=500&today=${today}`, { cookie: nextCookie() }),
    );
    pageBytes = Buffer.byteLength(reply.body);
    if ((JSON.parse(reply.body) as Page).records.length !== 500) throw new Error('dataApi: short page');
  });
  let filteredCount = 0;
  const filtered = await timed('filtered list', options.listSamples, async () => {
    const page = await getPage(`filter=needs-water&limit=500&today=${today}`);
    filteredCount = page.records.length;
  });
  if (filteredCount === 0 || filteredCount >= options.records)
    throw new Error(`dataApi: the needs-water filter listed ${filteredCount} records`);

  let created = 0;
  const create = await timed('create', options.createSamples, async () => {
    const body = JSON.stringify({ values: plantValues(options.records + created++) });
    const reply = expectOk(
      'create',
      await send(
        'POST',
        '/api/v1/plant',
        {
          cookie: nextCookie(),
          'content-type': 'application/json',
          'x-app-request': '1',
          origin: `http://${host}`,
          'content-length': String(Buffer.byteLength(body)),
        },
        body,
      ),
    );
    JSON.parse(reply.body);
  });
  agent.destroy();

  return {
    create: summarize(create),
    list1000: summarize(list1000),
    list1000OneRequest: summarize(list1000OneRequest),
    page500: summarize(page500),
    list1000Sorted: summarize(list1000Sorted),
    filtered: { ...summarize(filtered), records: filteredCount },
    records: options.records,
    members: people.length,
    pageBytes,
  };
}

const locations = ['Living Room', 'Kitchen', 'Greenhouse', 'Office'];

/** A realistic plant record, different per index (every field of the entity filled). */
function plantValues(index: number): Record<string, unknown> {
  const watered = index % 2 === 0 ? '2025-05-01' : '2025-06-14';
  return {
    'plant-name': `Plant ${String(index).padStart(4, '0')} ${['Fern', 'Ficus', 'Basil', 'Cactus'][index % 4]}`,
    'plant-watered': watered,
    'plant-interval': 3 + (index % 10),
    'plant-location': locations[index % locations.length],
    'plant-indoor': index % 3 !== 0,
    'plant-notes': `Turn it a quarter every week; repotted in spring ${2020 + (index % 5)}.`,
    'plant-pot': 10 + (index % 25),
  };
}

/** The published app's sign-in round trip; returns the `app_session=…` cookie pair. */
async function signInOnOrigin(
  person: TestClient,
  appId: string,
  send: (
    method: string,
    path: string,
    headers?: Record<string, string>,
  ) => Promise<Reply & { headers: http.IncomingHttpHeaders }>,
): Promise<string> {
  const visit = await send('GET', '/');
  const location = visit.headers.location;
  if (!location) throw new Error(`dataApi: / answered ${visit.status} without a sign-in redirect`);
  const state = new URL(location).searchParams.get('state') ?? '';
  const stateCookie =
    (visit.headers['set-cookie'] ?? []).find((c) => c.startsWith('app_signin_state='))?.split(';')[0] ?? '';
  const { url } = await person.trpc.auth.appOriginCode.mutate({ appId, state });
  const callback = new URL(url);
  const exchanged = await send('GET', `${callback.pathname}${callback.search}`, { cookie: stateCookie });
  const session = (exchanged.headers['set-cookie'] ?? []).find((c) => c.startsWith('app_session='));
  if (!session) throw new Error(`dataApi: no app session cookie (${exchanged.status})`);
  return session.split(';')[0] ?? '';
}
