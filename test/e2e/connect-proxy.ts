// A tiny HTTP CONNECT proxy on 127.0.0.1, standing in for a corporate proxy: it tunnels each CONNECT to its target
// and records what it was asked, so tests can see which hosts went through it and that no token did.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

export interface TunnelRequest {
  /** host:port, as in the CONNECT line. */
  target: string;
  headers: IncomingHttpHeaders;
}

export interface ConnectProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Every CONNECT received, in order. */
  tunnels: TunnelRequest[];
  close(): Promise<void>;
}

export interface ConnectProxyOptions {
  /** Answer every CONNECT with this status instead of tunnelling, as a proxy that forbids the host does. */
  refuseWith?: number;
}

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const tunnels: TunnelRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((_req, res) => {
    // Only tunnels: a plain proxied request would mean the client sent HTTP in the clear to the proxy.
    res.writeHead(405, { Allow: 'CONNECT' }).end();
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    tunnels.push({ target, headers: req.headers });
    if (options.refuseWith !== undefined) {
      client.end(`HTTP/1.1 ${options.refuseWith} Refused by test proxy\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const separator = target.lastIndexOf(':');
    const upstream = connect(Number(target.slice(separator + 1)), target.slice(0, separator).replace(/^\[|\]$/g, ''));
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    const teardown = (): void => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', teardown);
    client.on('error', teardown);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
