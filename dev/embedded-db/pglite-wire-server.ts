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
 * LISTEN/NOTIFY crosses clients: the one session listens on every channel any client asked
 * for, and each notification PGlite returns (in the reply to whichever unit committed the
 * NOTIFY) is taken out of that reply and sent to the clients listening on its channel.
 *
 * A limit that remains: prepared statement names are shared by all clients (clients must not
 * name statements: postgres.js `prepare: false`).
 */
export class PgliteWireServer {
  private readonly server: net.Server;
  /** The connection that holds the database (in a unit or a transaction), if any. */
  private owner: ClientConnection | null = null;
  private readonly waiting: (() => void)[] = [];
  private readonly connections = new Set<ClientConnection>();
  /** Set by close(): connections dropping now must not touch the database being closed. */
  isClosing = false;
  /** Who listens on which channel (the session itself listens on all of them). */
  private readonly listeners = new Map<string, Set<ClientConnection>>();

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

  /**
   * Runs a unit's messages in order and returns PGlite's replies, concatenated, less the
   * notifications in them, which go to their channel's listeners instead.
   */
  async execute(connection: ClientConnection, messages: Uint8Array[]): Promise<Buffer> {
    const replies: Uint8Array[] = [];
    for (const message of messages) {
      this.trackListen(connection, message);
      replies.push(await this.pg.execProtocolRaw(message));
    }
    return this.deliverNotifications(Buffer.concat(replies));
  }

  /** A LISTEN or UNLISTEN, as a simple Query (psql) or a Parse (postgres.js), records who wants the channel. */
  private trackListen(connection: ClientConnection, message: Uint8Array): void {
    const bytes = Buffer.from(message);
    let text: string;
    if (bytes[0] === 0x51 /* Q */) text = bytes.toString('utf8', 5, bytes.indexOf(0, 5));
    else if (bytes[0] === 0x50 /* P: statement name, then the query */) {
      const queryStart = bytes.indexOf(0, 5) + 1;
      text = bytes.toString('utf8', queryStart, bytes.indexOf(0, queryStart));
    } else return;
    const match = /^\s*(un)?listen\s+(?:"((?:[^"]|"")+)"|([\w$]+))\s*;?\s*$/i.exec(text);
    if (!match) return;
    const channel = match[2]?.replace(/""/g, '"') ?? match[3].toLowerCase();
    const listening = this.listeners.get(channel) ?? new Set<ClientConnection>();
    if (match[1]) listening.delete(connection);
    else listening.add(connection);
    this.listeners.set(channel, listening);
  }

  /** Takes NotificationResponse ('A') messages out of a reply and writes each to its channel's listeners. */
  private deliverNotifications(reply: Buffer): Buffer {
    const kept: Buffer[] = [];
    let at = 0;
    while (at + 5 <= reply.length) {
      const length = 1 + reply.readInt32BE(at + 1);
      const message = reply.subarray(at, at + length);
      at += length;
      if (message[0] !== 0x41 /* A */) {
        kept.push(message);
        continue;
      }
      const channelEnd = message.indexOf(0, 9);
      const channel = message.subarray(9, channelEnd).toString('utf8');
      for (const listener of this.listeners.get(channel) ?? []) listener.send(Buffer.from(message));
    }
    return Buffer.concat(kept);
  }

  forget(connection: ClientConnection): void {
    for (const listening of this.listeners.values()) listening.delete(connection);
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
      reply = await this.server.execute(this, messages);
    } finally {
      // Keep the database while inside an unfinished unit or an open transaction.
      if (options.endsUnit && !this.server.isInTransaction()) this.server.release(this);
    }
    this.send(reply);
  }

  send(bytes: Buffer): void {
    if (bytes.length && !this.isClosed && this.socket.writable) this.socket.write(bytes);
  }

  private fail(error: unknown): void {
    console.error('[embedded-db] connection failed:', error);
    this.destroy();
  }

  /** A client that vanished mid-transaction must not leave the database locked. */
  private async cleanUp(): Promise<void> {
    this.server.forget(this);
    if (this.server.isClosing) return;
    await this.server.acquire(this);
    try {
      if (this.server.isInTransaction()) await this.server.rollback();
    } finally {
      this.server.release(this);
    }
  }
}
