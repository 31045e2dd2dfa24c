/**
 * Waiting on one object with a watch, as kubectl's wait package (pkg/cmd/wait) and rollout status
 * (watchtools.UntilWithSync) do: an initial GET, then a watch from that resourceVersion, evaluating a
 * condition on every event; ends when the condition holds, on timeout (cluster clock) or when
 * `io.signal` aborts. A watch that the server ends is re-opened.
 */
import type { KubeObject, WatchEvent } from '../../api/types';
import type { Invocation } from './command';
import { resourcePath, type ApiResource } from './client';
import { isNotFound } from './targets';

/** What the condition sees: the object, or undefined once it is gone. */
export type Condition = (obj: KubeObject | undefined, ev?: WatchEvent) => boolean;

/** How a wait ended. */
export type WaitResult = 'met' | 'timeout' | 'aborted';

/** Milliseconds for a kubectl `--timeout` value (`0` → never, as one week). */
export function timeoutMs(ms: number | undefined): number {
  return ms === undefined || ms <= 0 ? 7 * 24 * 3600 * 1000 : ms;
}

/** Waits until `cond` holds for the object `name` of `r` in `ns`. */
export async function watchUntil(
  inv: Invocation,
  r: ApiResource,
  ns: string | undefined,
  name: string,
  cond: Condition,
  timeout: number,
  opts: { uid?: string } = {},
): Promise<WaitResult> {
  const clock = inv.ctx.clock;
  return new Promise<WaitResult>((resolve) => {
    let done = false;
    let cancel: (() => void) | undefined;
    const finish = (r: WaitResult) => {
      if (done) return;
      done = true;
      clock.clearTimeout(timer);
      cancel?.();
      inv.io.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const onAbort = () => finish('aborted');
    const timer = clock.setTimeout(() => finish('timeout'), timeout);
    inv.io.signal?.addEventListener('abort', onAbort);
    if (inv.io.signal?.aborted) return finish('aborted');
    const check = (o: KubeObject | undefined, ev?: WatchEvent) => {
      if (opts.uid && o && o.metadata.uid !== opts.uid) o = undefined;
      if (cond(o, ev)) finish('met');
    };
    const open = async () => {
      let rv: string | undefined;
      try {
        const o = await inv.client.get<KubeObject>(resourcePath(r, ns, name));
        rv = o.metadata.resourceVersion;
        check(o);
      } catch (e) {
        if (!isNotFound(e)) throw e;
        check(undefined);
        const list = await inv.client.get<{ metadata: { resourceVersion?: string } }>(resourcePath(r, ns), {
          fieldSelector: `metadata.name=${name}`,
        });
        rv = list.metadata.resourceVersion;
      }
      if (done) return;
      cancel = inv.client.watch(
        {
          method: 'GET',
          path: resourcePath(r, ns),
          query: { fieldSelector: `metadata.name=${name}`, resourceVersion: rv, allowWatchBookmarks: 'true' },
        },
        (ev) => {
          if (ev.type === 'BOOKMARK' || ev.type === 'ERROR') return;
          check(ev.type === 'DELETED' ? undefined : ev.object, ev);
        },
        () => {
          if (!done) void open().catch(() => finish('timeout'));
        },
      );
    };
    void open().catch(() => finish('timeout'));
  });
}
