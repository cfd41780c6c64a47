import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy that forwards client->server bytes at a bounded rate and reports how many went
 * through, so a test can act at a known point in the middle of an upload (the real store is too fast).
 */
export class ThrottledProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private sent = 0;
  private readonly watchers: { bytes: number; resolve: () => void }[] = [];

  constructor(
    private readonly targetPort: number,
    private readonly bytesPerSecond: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Resolves once at least `bytes` have been forwarded to the server (counted from now). */
  untilForwarded(bytes: number): Promise<void> {
    return new Promise((resolve) => this.watchers.push({ bytes: this.sent + bytes, resolve }));
  }

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = createConnection(this.targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      upstream.pipe(client);
      client.on('data', (chunk: Buffer) => {
        upstream.write(chunk);
        this.sent += chunk.length;
        for (const w of this.watchers.filter((w) => this.sent >= w.bytes)) {
          this.watchers.splice(this.watchers.indexOf(w), 1);
          w.resolve();
        }
        client.pause();
        setTimeout(() => client.resume(), (chunk.length / this.bytesPerSecond) * 1000);
      });
      client.on('end', () => upstream.end());
      upstream.on('end', () => client.end());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
