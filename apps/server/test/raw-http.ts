import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request exactly as written: fetch normalises paths (`/../`) and refuses bad escapes
 * before sending, which is what these tests must get past. `localAddress` picks the loopback
 * address the connection comes from (Linux routes all of 127.0.0.0/8 to lo), so tests can be
 * "another client" by address without trusting any header.
 */
export function rawRequest(options: {
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  localAddress?: string;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const request = http.request(
      {
        host: '127.0.0.1',
        port: options.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        localAddress: options.localAddress,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          settled = true;
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', (error) => {
          if (!settled) reject(error);
        });
      },
    );
    // A server may answer (413) and close before a large body is fully written: the answer counts,
    // the broken upload after it does not.
    request.on('error', (error) => {
      if (!settled) setTimeout(() => (settled ? undefined : reject(error)), 200);
    });
    if (options.body !== undefined) request.end(options.body);
    else request.end();
  });
}

/** Calls a tRPC procedure over plain HTTP, as a browser's fetch or form would. */
export function trpcPost(
  port: number,
  procedure: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return rawRequest({
    port,
    method: 'POST',
    path: `/trpc/${procedure}`,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export function errorCode(response: RawResponse): string | undefined {
  try {
    const parsed = JSON.parse(response.body) as
      | { error?: { data?: { code?: string } } }
      | { error?: { data?: { code?: string } } }[];
    const first = Array.isArray(parsed) ? parsed[0] : parsed;
    return first?.error?.data?.code;
  } catch {
    return undefined;
  }
}
