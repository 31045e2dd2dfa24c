/**
 * A replaceable RPC connection: when the peer restarts, the supervisor hands over a new endpoint and
 * everything pending on the old one fails (watches end, informers relist).
 */
import type { Endpoint } from './endpoint';
import { RpcClient } from './rpc';

/** Holds the current connection to one peer. */
export class ConnectionSlot {
  private current: RpcClient | undefined;
  private waiters: Array<(c: RpcClient) => void> = [];
  constructor(private readonly peer: string) {}
  /** Installs a new endpoint; the previous connection fails with "connection replaced". */
  set(ep: Endpoint): void {
    const old = this.current;
    this.current = new RpcClient(ep);
    old?.fail(new Error(`connection to ${this.peer} was replaced`));
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn(this.current);
  }
  /** Resolves with the connection, waiting for one if there is none yet. */
  get(): Promise<RpcClient> {
    if (this.current) return Promise.resolve(this.current);
    return new Promise((r) => this.waiters.push(r));
  }
  /** The connection now; throws when there is none. */
  now(): RpcClient {
    if (!this.current) throw new Error(`not connected to ${this.peer}`);
    return this.current;
  }
  /** Fails the current connection (peer known dead) and waits for a new one. */
  drop(reason: string): void {
    const old = this.current;
    this.current = undefined;
    old?.fail(new Error(reason));
  }
}
