import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type {
  TAccount,
  TAccountLinkRecord,
  TBalanceTransaction,
  TCharge,
  TCheckoutSession,
  TCheckoutSessionDetails,
  TDispute,
  TEvent,
  TPaymentIntent,
  TRefund,
  TStripeObject,
  TTransfer,
  TTransferReversal,
} from './stripe-objects';

/** A response stored under an idempotency key, replayed verbatim for 24 hours. */
export type TIdempotencyRecord = {
  method: string;
  path: string;
  paramsDigest: string;
  /** The first request's id, sent back as `Original-Request` on replays. */
  requestId: string;
  status: number;
  body: string;
  createdAt: number;
};

export type TEmulatorState = {
  version: 1;
  /** Seconds added to the wall clock by `POST /_emulator/clock/advance`. */
  clockOffsetSeconds: number;
  checkoutSessions: Record<string, TCheckoutSession>;
  checkoutSessionDetails: Record<string, TCheckoutSessionDetails>;
  paymentIntents: Record<string, TPaymentIntent>;
  charges: Record<string, TCharge>;
  refunds: Record<string, TRefund>;
  disputes: Record<string, TDispute>;
  accounts: Record<string, TAccount>;
  accountLinks: Record<string, TAccountLinkRecord>;
  transfers: Record<string, TTransfer>;
  transferReversals: Record<string, TTransferReversal>;
  balanceTransactions: Record<string, TBalanceTransaction>;
  events: Record<string, TEvent>;
  idempotency: Record<string, TIdempotencyRecord>;
};

/** The collections that hold Stripe objects, i.e. what an id can be looked up in. */
type TObjectCollections = {
  checkoutSessions: TCheckoutSession;
  paymentIntents: TPaymentIntent;
  charges: TCharge;
  refunds: TRefund;
  disputes: TDispute;
  accounts: TAccount;
  transfers: TTransfer;
  transferReversals: TTransferReversal;
  balanceTransactions: TBalanceTransaction;
  events: TEvent;
};

export type TCollectionName = keyof TObjectCollections;

/** Id prefix → collection, longest prefixes first so `trr_` is not taken for `tr_`. */
const PREFIXES: [string, TCollectionName][] = [
  ['cs_', 'checkoutSessions'],
  ['pi_', 'paymentIntents'],
  ['ch_', 'charges'],
  ['re_', 'refunds'],
  ['dp_', 'disputes'],
  ['acct_', 'accounts'],
  ['trr_', 'transferReversals'],
  ['tr_', 'transfers'],
  ['txn_', 'balanceTransactions'],
  ['evt_', 'events'],
];

function emptyState(): TEmulatorState {
  return {
    version: 1,
    clockOffsetSeconds: 0,
    checkoutSessions: {},
    checkoutSessionDetails: {},
    paymentIntents: {},
    charges: {},
    refunds: {},
    disputes: {},
    accounts: {},
    accountLinks: {},
    transfers: {},
    transferReversals: {},
    balanceTransactions: {},
    events: {},
    idempotency: {},
  };
}

/**
 * All emulator state, in memory, optionally mirrored to a JSON file so a restarted demo
 * keeps its payments. Writes are atomic (temp file + rename) and coalesced: `changed()`
 * after any mutation, `flush()` before exit. Collections are records in insertion order,
 * which is creation order, so lists come out newest first by reversing.
 */
export class EmulatorStore {
  state: TEmulatorState;
  private readonly dataFile?: string;
  private isWriting = false;
  private isDirty = false;
  private writing: Promise<void> = Promise.resolve();

  private constructor(state: TEmulatorState, dataFile?: string) {
    this.state = state;
    this.dataFile = dataFile;
  }

  static async open(dataFile?: string): Promise<EmulatorStore> {
    if (!dataFile) return new EmulatorStore(emptyState());
    let text: string;
    try {
      text = await readFile(dataFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new EmulatorStore(emptyState(), dataFile);
      throw error;
    }
    let state: TEmulatorState;
    try {
      state = JSON.parse(text) as TEmulatorState;
    } catch (error) {
      throw new Error(`Stripe emulator data file ${dataFile} is not valid JSON (${(error as Error).message}); move it away to start afresh.`);
    }
    if (state?.version !== 1) {
      throw new Error(`Stripe emulator data file ${dataFile} has an unknown format; move it away to start afresh.`);
    }
    return new EmulatorStore({ ...emptyState(), ...state }, dataFile);
  }

  get<TName extends TCollectionName>(collection: TName, id: string): TObjectCollections[TName] | undefined {
    const records = this.state[collection] as Record<string, TObjectCollections[TName]>;
    return Object.hasOwn(records, id) ? records[id] : undefined;
  }

  put<TName extends TCollectionName>(collection: TName, object: TObjectCollections[TName]): TObjectCollections[TName] {
    (this.state[collection] as Record<string, TObjectCollections[TName]>)[object.id] = object;
    this.changed();
    return object;
  }

  /** Newest first, as Stripe lists. */
  list<TName extends TCollectionName>(collection: TName): TObjectCollections[TName][] {
    return (Object.values(this.state[collection]) as TObjectCollections[TName][]).reverse();
  }

  /** Resolves any stored object by its id prefix (used by `expand`). */
  findById(id: string): TStripeObject | undefined {
    const entry = PREFIXES.find(([prefix]) => id.startsWith(prefix));
    return entry ? this.get(entry[1], id) : undefined;
  }

  reset(): void {
    this.state = emptyState();
    this.changed();
  }

  /** Schedules a write of the data file; cheap to call after every mutation. */
  changed(): void {
    if (!this.dataFile) return;
    this.isDirty = true;
    if (!this.isWriting) this.writing = this.writeLoop();
  }

  /** Resolves once everything changed so far is on disk. */
  async flush(): Promise<void> {
    await this.writing;
  }

  private async writeLoop(): Promise<void> {
    const dataFile = this.dataFile!;
    this.isWriting = true;
    try {
      await mkdir(dirname(dataFile), { recursive: true });
      while (this.isDirty) {
        this.isDirty = false;
        const temp = `${dataFile}.${process.pid}.tmp`;
        await writeFile(temp, JSON.stringify(this.state));
        await rename(temp, dataFile);
      }
    } catch (error) {
      console.error(`[stripe-emulator] could not write ${dataFile}:`, error);
    } finally {
      this.isWriting = false;
    }
  }
}
