import type { IncomingMessage, ServerResponse } from 'node:http';

/** The data API's error codes (the body is `{ error: { code, message, field? } }`). */
export type DataErrorCode =
  | 'bad_request'
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal';

const statusOf: Record<DataErrorCode, number> = {
  bad_request: 400,
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

export class DataApiError extends Error {
  constructor(
    readonly code: DataErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: { fieldId: string; code: string; message: string }[],
  ) {
    super(message);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  // Encoded once, with its length: a 500-record page goes out in one write, not chunked.
  const bytes = status === 204 ? null : Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(bytes ? { 'content-length': String(bytes.length) } : {}),
    ...headers,
  });
  res.end(bytes ?? undefined);
}

export function sendDataError(
  res: ServerResponse,
  error: DataApiError,
  headers: Record<string, string> = {},
) {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.field !== undefined) body.field = error.field;
  if (error.details) body.errors = error.details;
  sendJson(res, statusOf[error.code], { error: body }, headers);
}

/** Largest write body: a record's values as JSON (texts are capped at 20,000 characters each). */
export const maxDataBodyBytes = 256 * 1024;

/**
 * Cross-site writes are refused before anything is read (docs/architecture.md#security): a write
 * must be JSON and carry `X-App-Request: 1` — a header no form can send and a cross-origin fetch
 * cannot send without a CORS preflight, which the live API never grants — and, when the request
 * rides on ambient credentials (the app-origin session cookie) and the browser says where it comes
 * from (`Origin`, `Sec-Fetch-Site`), that must be this app's own origin. A preview's write
 * authenticates with its link's token in a header instead, from its opaque origin (`Origin: null`).
 */
export function refuseCrossSiteWrite(
  req: IncomingMessage,
  { hasBody, ambientCredentials }: { hasBody: boolean; ambientCredentials: boolean },
): DataApiError | null {
  if (req.headers['x-app-request'] !== '1')
    return new DataApiError('forbidden', 'Writes must come from the app itself (X-App-Request: 1)');
  if (ambientCredentials) {
    const origin = req.headers.origin;
    if (origin !== undefined) {
      const parsed = URL.parse(origin);
      if (!parsed || parsed.host !== req.headers.host)
        return new DataApiError('forbidden', 'Writes from another site are refused');
    }
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      return new DataApiError('forbidden', 'Writes from another site are refused');
  }
  if (hasBody) {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json')
      return new DataApiError('unsupported_media_type', 'Send the record as application/json');
  }
  return null;
}

/** The JSON body, or a DataApiError (413 past the cap, 400 for text that is not JSON). */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > maxDataBodyBytes) {
    req.resume();
    throw new DataApiError('payload_too_large', `A record write is at most ${maxDataBodyBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // Past the cap the rest is read and dropped rather than thrown on mid-stream: leaving the loop
  // early destroys the request's socket, and the client would get a reset instead of the 413.
  // (The server's request timeout bounds how long a client can keep sending.)
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= maxDataBodyBytes) chunks.push(buffer);
  }
  if (size > maxDataBodyBytes)
    throw new DataApiError('payload_too_large', `A record write is at most ${maxDataBodyBytes} bytes`);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new DataApiError('bad_request', 'The body is not valid JSON');
  }
}
