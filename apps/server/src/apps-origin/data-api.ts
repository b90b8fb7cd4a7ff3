import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkPreviewToken } from '@app/core';
import { type AppBlueprint, toAppBlueprint } from '@app/core/data-store';
import {
  ConflictError,
  createRecord,
  type DataScope,
  type Db,
  deleteRecord,
  ensurePreviewDataset,
  ForbiddenError,
  findVersion,
  getRecord,
  InvalidInputError,
  listRecords,
  liveDataset,
  NotFoundError,
  previewDataset,
  RecordValidationError,
  requireAppRole,
  storedBlueprint,
  updateRecord,
} from '@app/db';
import type { ChangeStreams } from './change-stream.ts';
import {
  DataApiError,
  readJsonBody,
  refuseCrossSiteWrite,
  sendDataError,
  sendJson,
} from './data-api-http.ts';
import type { ConsumeDataRequest } from './data-rate-limit.ts';

/**
 * The data API on an app's own origin (SPEC §12): CRUD per entity of the app's blueprint, JSON only.
 *
 *   /api/v1/<entityId>                       GET list (?cursor, ?filter=<viewId>, ?sort=<fieldId>[:desc],
 *   /api/v1/<entityId>/<recordId>                      ?limit, ?today), POST create { values }
 *                                            GET, PATCH { version, values }, DELETE (?version)
 *   /v/<versionId>/api/v1/…                  the same on that version's preview dataset
 *   /api/v1/changes.sse, /v/<id>/api/v1/changes.sse   live updates (change-stream.ts); a preview's
 *                                            token may come as ?token= (EventSource sends no headers)
 *
 * Who may call: live data — a person signed in on this app's origin (slice C's session, resolved by
 * `resolveUser`) who is a member of the app's workspace, checked through THE access check on every
 * request. Any role may read and write: viewers "use published apps" (SPEC §12), and using a data
 * app means entering its records; the builder stays editors' and owners'. Preview data — the
 * holder of that version's preview link, its token sent as `X-Preview-Token`; previews never reach
 * live records, and each version has its own dataset seeded with its sample records.
 */
export interface DataApiOptions {
  db: Db;
  sessionSecret: string;
  resolveUser: (req: IncomingMessage, appId: string) => Promise<string | null>;
  consume: ConsumeDataRequest;
  /** Live updates (`changes.sse`); without it that path is a 404. */
  changes?: ChangeStreams;
  /** Today as the server sees it, when the app does not say (`?today=`). */
  today?: () => string;
  onError?: (error: unknown) => void;
}

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const apiPath = new RegExp(`^(?:/v/(${uuid}))?/api/v1/([^/]+)(?:/([^/]+))?/?$`);
// Never an entity: the compiled app's ids never contain a dot (createIdMap, @app/core), and the
// data API's entities are the compiled app's (toAppBlueprint).
const changesPath = new RegExp(`^(?:/v/(${uuid}))?/api/v1/changes\\.sse$`);
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const previewPreflightHeaders = {
  'access-control-allow-methods': 'GET, POST, PATCH, DELETE',
  'access-control-allow-headers': 'accept, content-type, x-app-request, x-preview-token',
  'access-control-max-age': '600',
  'cache-control': 'no-store',
};

/** Handles the request when its path is the data API's (true), else leaves it alone (false). */
export function createDataApi(options: DataApiOptions) {
  // Versions are immutable: their blueprint is read once.
  const blueprints = new Map<string, AppBlueprint | null>();
  const blueprintOf = async (versionId: string, appId: string): Promise<AppBlueprint> => {
    let blueprint = blueprints.get(versionId);
    if (blueprint === undefined) {
      const version = await findVersion(options.db, versionId);
      if (!version || version.app_id !== appId) throw new DataApiError('not_found', 'Version not found');
      const stored = storedBlueprint(version.blueprint);
      blueprint = stored ? toAppBlueprint(stored) : null;
      blueprints.set(versionId, blueprint);
      if (blueprints.size > 200) blueprints.delete(blueprints.keys().next().value as string);
    }
    if (!blueprint) throw new DataApiError('not_found', 'This version has no blueprint, so no data');
    return blueprint;
  };

  return async function handleDataApi(
    req: IncomingMessage,
    res: ServerResponse,
    input: { appId: string; url: URL },
  ): Promise<boolean> {
    const changes = changesPath.exec(input.url.pathname);
    const match = changes ?? apiPath.exec(input.url.pathname);
    if (!match) return false;
    // A preview runs on an opaque origin (preview-server.ts), so to this host its calls are
    // cross-origin: its own API answers CORS for any origin, without credentials — it trusts only
    // the link's token, sent as a header. The live API grants no CORS at all.
    if (match[1]) {
      res.setHeader('access-control-allow-origin', '*');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, previewPreflightHeaders);
        res.end();
        return true;
      }
    }
    try {
      if (changes) await openChanges(req, res, input, changes[1]);
      else await serve(req, res, input, match);
    } catch (error) {
      const refusal = asDataError(error);
      if (refusal.code === 'internal') options.onError?.(error);
      sendDataError(res, refusal);
    }
    return true;
  };

  /**
   * Who is asking and which dataset that opens — THE check of every data request and of every
   * live-update stream, at its start and again periodically (`count: false`: a re-check is no
   * request of the caller's).
   */
  async function authorize(
    req: IncomingMessage,
    res: ServerResponse,
    input: { appId: string },
    caller: { versionId: string | undefined; previewToken: string | null; count?: boolean },
  ): Promise<{ scope: DataScope; actorId: string | null; callerKey: string }> {
    const { versionId } = caller;
    const count = caller.count ?? true;
    if (versionId) {
      const check = checkPreviewToken(caller.previewToken, versionId, options.sessionSecret);
      if (!check.ok)
        throw new DataApiError(
          check.reason === 'missing' ? 'unauthorized' : 'forbidden',
          `Preview link ${check.reason.replace('_', ' ')}`,
        );
      const blueprint = await blueprintOf(versionId, input.appId);
      const callerKey = `preview:${versionId}`;
      if (count) refuseIfLimited(res, await options.consume(callerKey));
      return {
        scope: { appId: input.appId, dataset: previewDataset(versionId), blueprint },
        actorId: null,
        callerKey,
      };
    }
    const userId = await options.resolveUser(req, input.appId);
    if (!userId) throw new DataApiError('unauthorized', 'Sign in to use this app');
    const callerKey = `user:${userId}`;
    // The access check and the caller's count are independent round trips: run side by side,
    // both settled before any work (a refusal from either stops the request; a non-member's
    // request still counts against their own key, which is all it can reach).
    const [access, wait] = await Promise.allSettled([
      requireAppRole(options.db, { userId, appId: input.appId, action: 'use' }),
      count ? options.consume(callerKey) : Promise.resolve(null),
    ]);
    if (access.status === 'rejected') throw access.reason;
    if (wait.status === 'rejected') throw wait.reason;
    refuseIfLimited(res, wait.value);
    // The access check read the app row: its published pointer names the live version (set and
    // cleared together with published_at by publishVersion / unpublishApp).
    const publishedVersionId = access.value.app.published_at ? access.value.app.published_version_id : null;
    if (!publishedVersionId) throw new DataApiError('not_found', 'This app is not published');
    return {
      scope: {
        appId: input.appId,
        dataset: liveDataset,
        blueprint: await blueprintOf(publishedVersionId, input.appId),
      },
      actorId: userId,
      callerKey,
    };
  }

  /** `changes.sse`: the same check as a data request, then the stream (change-stream.ts). */
  async function openChanges(
    req: IncomingMessage,
    res: ServerResponse,
    input: { appId: string; url: URL },
    versionId: string | undefined,
  ) {
    if (req.method !== 'GET')
      throw new DataApiError('method_not_allowed', `${req.method} is not allowed here`);
    if (!options.changes) throw new DataApiError('not_found', 'Live updates are not served here');
    // A live stream rides on the session cookie: only this app's own page may hold one open (a
    // sibling app's page is same-site, so the Lax cookie would go, and it could take the slots).
    const site = req.headers['sec-fetch-site'];
    if (versionId === undefined && site !== undefined && site !== 'same-origin' && site !== 'none')
      throw new DataApiError('forbidden', 'Live updates are for the app’s own page');
    const header = req.headers['x-preview-token'];
    const caller = {
      versionId,
      previewToken: typeof header === 'string' ? header : input.url.searchParams.get('token'),
    };
    const { scope, callerKey } = await authorize(req, res, input, caller);
    options.changes.open(req, res, {
      appId: scope.appId,
      dataset: scope.dataset,
      caller: `${input.appId}:${callerKey}`,
      // A refusal ends the stream; anything else (the database away for a moment) is no verdict.
      recheck: async () => {
        try {
          await authorize(req, res, input, { ...caller, count: false });
        } catch (error) {
          const refusal = asDataError(error);
          throw refusal.code === 'internal' ? error : refusal;
        }
      },
    });
  }

  async function serve(
    req: IncomingMessage,
    res: ServerResponse,
    input: { appId: string; url: URL },
    match: RegExpExecArray,
  ) {
    const [, versionId, rawEntity, rawRecord] = match;
    const entityId = decode(rawEntity ?? '');
    const recordId = rawRecord === undefined ? null : decode(rawRecord);
    const method = req.method ?? 'GET';
    const write = method !== 'GET' && method !== 'HEAD';
    const allowed = recordId === null ? ['GET', 'POST'] : ['GET', 'PATCH', 'DELETE'];
    if (!allowed.includes(method))
      throw new DataApiError('method_not_allowed', `${method} is not allowed here`);
    if (write) {
      const refusal = refuseCrossSiteWrite(req, {
        hasBody: method !== 'DELETE',
        // A preview's writes carry its token, which no other site has: nothing ambient to ride on.
        ambientCredentials: versionId === undefined,
      });
      if (refusal) throw refusal;
    }
    const param = input.url.searchParams;
    const todayParam = param.get('today');
    const today = todayParam && dayPattern.test(todayParam) ? todayParam : (options.today?.() ?? utcToday());

    // Who is asking, and which dataset that opens.
    const header = req.headers['x-preview-token'];
    const { scope, actorId } = await authorize(req, res, input, {
      versionId,
      previewToken: typeof header === 'string' ? header : null,
    });
    if (versionId)
      await ensurePreviewDataset(options.db, {
        appId: input.appId,
        versionId,
        blueprint: scope.blueprint,
        today,
      });

    if (recordId === null && method === 'GET') {
      const sortParam = param.get('sort');
      const [sortField, direction] = sortParam ? sortParam.split(':') : [];
      const limit = param.has('limit') ? Number(param.get('limit')) : undefined;
      if (limit !== undefined && !Number.isInteger(limit))
        throw new DataApiError('bad_request', 'limit must be a whole number', 'limit');
      const page = await listRecords(options.db, scope, {
        entityId,
        viewId: param.get('filter'),
        sort: sortField ? { fieldId: sortField, direction: direction === 'desc' ? 'desc' : 'asc' } : null,
        cursor: param.get('cursor'),
        ...(limit !== undefined ? { limit } : {}),
        today,
      });
      return sendJson(res, 200, page);
    }
    if (recordId === null) {
      const body = await readJsonBody(req);
      const record = await createRecord(options.db, scope, { entityId, values: valuesOf(body), actorId });
      return sendJson(res, 201, { record });
    }
    if (method === 'GET')
      return sendJson(res, 200, { record: await getRecord(options.db, scope, { entityId, recordId }) });
    if (method === 'PATCH') {
      const body = await readJsonBody(req);
      const version =
        typeof body === 'object' && body !== null ? (body as { version?: unknown }).version : undefined;
      if (typeof version !== 'number' || !Number.isInteger(version))
        throw new DataApiError('bad_request', 'Send the version you edited ("version")', 'version');
      const record = await updateRecord(options.db, scope, {
        entityId,
        recordId,
        expectedVersion: version,
        values: valuesOf(body),
        actorId,
      });
      return sendJson(res, 200, { record });
    }
    const versionParam = param.get('version');
    const expectedVersion = versionParam === null ? null : Number(versionParam);
    if (expectedVersion !== null && !Number.isInteger(expectedVersion))
      throw new DataApiError('bad_request', 'version must be a whole number', 'version');
    await deleteRecord(options.db, scope, { entityId, recordId, expectedVersion, actorId });
    return sendJson(res, 204, null);
  }
}

/** The limiter's answer: null goes on, seconds to wait are a 429 with Retry-After. */
function refuseIfLimited(res: ServerResponse, wait: number | null): void {
  if (wait === null) return;
  res.setHeader('Retry-After', String(wait));
  throw new DataApiError('rate_limited', `Too many requests; try again in ${wait} seconds`);
}

function valuesOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new DataApiError('bad_request', 'Send { "values": { … } }', 'values');
  const values = (body as { values?: unknown }).values;
  if (values === undefined) throw new DataApiError('bad_request', 'Send { "values": { … } }', 'values');
  return values;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new DataApiError('bad_request', 'The path is not valid');
  }
}

function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Domain errors → the API's codes, in one place; anything else is a 500 with nothing of its cause. */
function asDataError(error: unknown): DataApiError {
  if (error instanceof DataApiError) return error;
  if (error instanceof RecordValidationError) {
    const first = error.errors[0];
    return new DataApiError('validation', first?.message ?? error.message, first?.fieldId, error.errors);
  }
  if (error instanceof InvalidInputError) return new DataApiError('bad_request', error.message, error.field);
  if (error instanceof NotFoundError) return new DataApiError('not_found', error.message);
  if (error instanceof ForbiddenError) return new DataApiError('forbidden', error.message);
  if (error instanceof ConflictError) return new DataApiError('conflict', error.message);
  return new DataApiError('internal', 'Something went wrong on our side');
}

export type HandleDataApi = ReturnType<typeof createDataApi>;
