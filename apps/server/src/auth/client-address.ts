import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

/**
 * The address rate limits are keyed by. By default the socket's peer: a header is whatever the
 * client wants it to be. Behind a reverse proxy every peer is the proxy, so with `trustProxy`
 * (env TRUST_PROXY=1, only when a proxy you run always sets the header) the right-most
 * X-Forwarded-For entry is used: the one that proxy appended, the only one it vouches for.
 * IPv6 clients are keyed by their /64, which one subscriber usually holds whole.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  let address = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
    const last = forwarded[forwarded.length - 1]?.trim();
    if (last) address = last;
  }
  if (address.startsWith('::ffff:')) address = address.slice('::ffff:'.length);
  if (isIPv6(address)) return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
  return address;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = address.includes('::') && tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  return [...headParts, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailParts].map((part) =>
    part.toLowerCase().replace(/^0+(?=.)/, ''),
  );
}
