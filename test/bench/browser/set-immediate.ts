/**
 * LocalCluster.settle waits for macrotasks with setImmediate, which browsers lack: this provides it
 * over a MessageChannel (whose messages run as macrotasks too).
 */
export function ensureSetImmediate(): void {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
  if (g.setImmediate) return;
  const ch = new MessageChannel();
  const queue: Array<() => void> = [];
  ch.port1.onmessage = () => queue.shift()?.();
  g.setImmediate = (fn) => {
    queue.push(fn);
    ch.port2.postMessage(null);
    return queue.length;
  };
}
