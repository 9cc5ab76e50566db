import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const GSSENC_REQUEST = 80877104;

/**
 * Serves one PGlite database to many Postgres clients on a TCP port.
 *
 * PGlite is a single session, so clients must take turns. They take turns by *unit of work*,
 * not by message: an extended-protocol exchange (Parse, Bind, Execute … up to Sync) runs as
 * one piece, and a client that leaves a unit inside a transaction keeps the database until
 * its transaction ends. The multiplexer in @electric-sql/pglite-socket 0.2 interleaves single
 * messages, so one client's Bind can land on another's Parse and a read can run inside
 * someone else's transaction (reproduced: reads returning no rows under concurrent writes).
 *
 * Limits that remain: prepared statement names are shared by all clients (clients must not
 * name statements: postgres.js `prepare: false`), and LISTEN/NOTIFY does not cross clients.
 */
export class PgliteWireServer {
  private readonly server: net.Server;
  /** The connection that holds the database (in a unit or a transaction), if any. */
  private owner: ClientConnection | null = null;
  private readonly waiting: (() => void)[] = [];
  private readonly connections = new Set<ClientConnection>();
  /** Set by close(): connections dropping now must not touch the database being closed. */
  isClosing = false;

  constructor(private readonly pg: PGlite) {
    this.server = net.createServer((socket) => {
      const connection = new ClientConnection(socket, this);
      this.connections.add(connection);
      socket.once('close', () => this.connections.delete(connection));
    });
  }

  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve((this.server.address() as net.AddressInfo).port));
    });
  }

  async close(): Promise<void> {
    this.isClosing = true;
    for (const connection of this.connections) connection.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async acquire(connection: ClientConnection): Promise<void> {
    while (this.owner && this.owner !== connection) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.owner = connection;
  }

  release(connection: ClientConnection): void {
    if (this.owner !== connection) return;
    this.owner = null;
    const waiters = this.waiting.splice(0);
    for (const wake of waiters) wake();
  }

  /** Runs a unit's messages in order and returns PGlite's replies, concatenated. */
  async execute(messages: Uint8Array[]): Promise<Buffer> {
    const replies: Uint8Array[] = [];
    for (const message of messages) replies.push(await this.pg.execProtocolRaw(message));
    return Buffer.concat(replies);
  }

  isInTransaction(): boolean {
    return this.pg.isInTransaction();
  }

  async rollback(): Promise<void> {
    await this.pg.exec('ROLLBACK');
  }
}

class ClientConnection {
  private buffer = Buffer.alloc(0);
  private pending: Uint8Array[] = [];
  private hasStarted = false;
  private chain: Promise<void> = Promise.resolve();
  private isClosed = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly server: PgliteWireServer,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (data) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      this.chain = this.chain.then(() => this.drain()).catch((error) => this.fail(error));
    });
    socket.on('error', () => this.destroy());
    socket.on('close', () => {
      this.isClosed = true;
      this.chain = this.chain.then(() => this.cleanUp());
    });
  }

  destroy(): void {
    this.socket.destroy();
  }

  /** Splits the byte stream into protocol messages and runs each complete unit. */
  private async drain(): Promise<void> {
    while (!this.isClosed) {
      if (!this.hasStarted) {
        if (this.buffer.length < 8) return;
        const length = this.buffer.readInt32BE(0);
        const code = this.buffer.readInt32BE(4);
        if (this.buffer.length < length) return;
        const message = this.buffer.subarray(0, length);
        this.buffer = this.buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.socket.write('N');
          continue;
        }
        if (code === CANCEL_REQUEST) {
          this.destroy();
          return;
        }
        this.hasStarted = true;
        await this.runUnit([new Uint8Array(message)], { endsUnit: true });
        continue;
      }
      if (this.buffer.length < 5) return;
      const type = String.fromCharCode(this.buffer[0]);
      const length = 1 + this.buffer.readInt32BE(1);
      if (this.buffer.length < length) return;
      const message = new Uint8Array(this.buffer.subarray(0, length));
      this.buffer = this.buffer.subarray(length);
      if (type === 'X') {
        this.destroy();
        return;
      }
      this.pending.push(message);
      // Sync and simple Query end a unit; Flush asks for replies so far but the unit goes on.
      if (type === 'S' || type === 'Q') await this.runUnit(this.takePending(), { endsUnit: true });
      else if (type === 'H') await this.runUnit(this.takePending(), { endsUnit: false });
    }
  }

  private takePending(): Uint8Array[] {
    const messages = this.pending;
    this.pending = [];
    return messages;
  }

  private async runUnit(messages: Uint8Array[], options: { endsUnit: boolean }): Promise<void> {
    await this.server.acquire(this);
    let reply: Buffer;
    try {
      reply = await this.server.execute(messages);
    } finally {
      // Keep the database while inside an unfinished unit or an open transaction.
      if (options.endsUnit && !this.server.isInTransaction()) this.server.release(this);
    }
    if (!this.isClosed && this.socket.writable) this.socket.write(reply);
  }

  private fail(error: unknown): void {
    console.error('[embedded-db] connection failed:', error);
    this.destroy();
  }

  /** A client that vanished mid-transaction must not leave the database locked. */
  private async cleanUp(): Promise<void> {
    if (this.server.isClosing) return;
    await this.server.acquire(this);
    try {
      if (this.server.isInTransaction()) await this.server.rollback();
    } finally {
      this.server.release(this);
    }
  }
}
