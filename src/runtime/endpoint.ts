/**
 * A message endpoint: one end of a channel between two components. Over a MessagePort in the
 * browser (and in Node tests of the worker path), or an in-process loopback that delivers in order on
 * the microtask queue without copying (used with the virtual clock, where determinism and speed
 * matter; objects crossing it must be treated as read-only, as everything from a cache is).
 */

/** One end of a two-way message channel. */
export interface Endpoint {
  post(msg: unknown, transfer?: Transferable[]): void;
  /** Sets the single receiver of incoming messages. */
  listen(fn: (msg: unknown) => void): void;
  close(): void;
  /** Messages posted but not yet delivered (loopback only; 0 for ports). */
  readonly inFlight: number;
}

/** Wraps a MessagePort. */
export function portEndpoint(port: MessagePort): Endpoint {
  let closed = false;
  return {
    post(msg, transfer) {
      if (closed) return;
      port.postMessage(msg, transfer ?? []);
    },
    listen(fn) {
      port.onmessage = (e: MessageEvent) => fn(e.data);
      // Node's MessagePort needs start() when onmessage is set? setting onmessage starts it in both.
    },
    close() {
      closed = true;
      port.onmessage = null;
      port.close();
    },
    inFlight: 0,
  };
}

/** Counts loopback messages still queued, across every pair (for "settle" on the virtual clock). */
export const loopbackStats = { inFlight: 0 };

/** An in-process pair of endpoints delivering in order via microtasks. */
export function loopbackPair(): [Endpoint, Endpoint] {
  interface Side {
    fn: ((m: unknown) => void) | undefined;
    closed: boolean;
    queued: number;
  }
  const make = (): Side => ({ fn: undefined, closed: false, queued: 0 });
  const a = make();
  const b = make();
  const ep = (self: Side, other: Side): Endpoint => ({
    post(msg) {
      if (self.closed || other.closed) return;
      other.queued++;
      loopbackStats.inFlight++;
      queueMicrotask(() => {
        other.queued--;
        loopbackStats.inFlight--;
        if (!other.closed && other.fn) other.fn(msg);
      });
    },
    listen(fn) {
      self.fn = fn;
    },
    close() {
      self.closed = true;
      other.closed = true;
    },
    get inFlight() {
      return self.queued;
    },
  });
  return [ep(a, b), ep(b, a)];
}
