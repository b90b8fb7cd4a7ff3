import { createSocket } from 'node:dgram';
import { createServer, type Socket } from 'node:net';

/**
 * Loopback listeners a contained app must never reach: a TCP port (IPv4 and IPv6, so
 * `127.0.0.1`, `localhost`, `[::1]` and `*.localhost` all land here) and a UDP port (WebRTC's
 * STUN). Each connection or datagram is counted, whatever it carries; a sandbox that works keeps
 * both counts at zero.
 */
export interface Tripwire {
  tcpPort: number;
  udpPort: number;
  /** Every TCP connection and UDP datagram received, with what arrived first (for the report). */
  readonly hits: { kind: 'tcp' | 'udp'; from: string; first: string }[];
  close(): Promise<void>;
}

export async function startTripwire(): Promise<Tripwire> {
  const hits: Tripwire['hits'] = [];
  const sockets = new Set<Socket>();
  const tcp = createServer((socket) => {
    sockets.add(socket);
    const hit = { kind: 'tcp' as const, from: `${socket.remoteAddress}:${socket.remotePort}`, first: '' };
    hits.push(hit);
    socket.once('data', (chunk) => {
      hit.first = chunk.toString('latin1').slice(0, 200);
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  // `::` with ipv6Only off takes IPv4 (as mapped addresses) too.
  await new Promise<void>((resolve) => tcp.listen({ port: 0, host: '::', ipv6Only: false }, resolve));
  const address = tcp.address();
  if (typeof address !== 'object' || address === null) throw new Error('tripwire: no TCP address');

  const udp = createSocket({ type: 'udp6', ipv6Only: false });
  udp.on('message', (message, remote) => {
    hits.push({
      kind: 'udp',
      from: `${remote.address}:${remote.port}`,
      first: message.toString('hex').slice(0, 80),
    });
  });
  await new Promise<void>((resolve) => udp.bind(0, '::', resolve));

  return {
    tcpPort: address.port,
    udpPort: udp.address().port,
    hits,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
}
