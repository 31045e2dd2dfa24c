/**
 * `kubectl events` (kubectl pkg/cmd/events): the events of a namespace (or `-A`) as a table
 * `LAST SEEN TYPE REASON OBJECT MESSAGE` (NAMESPACE first with `-A`), sorted by last timestamp, with
 * `--for TYPE/NAME`, `--types Normal,Warning`, `--no-headers`, `-o` generic formats and `-w` (new events
 * as they arrive until `io.signal` aborts). Repeated events age as `71s (x2 over 5m9s)`.
 * Leaves out: `--chunk-size` paging.
 */
import type { Event } from 'kubernetes-types/core/v1';
import { translateTimestampSince } from '../../api/printers';
import { CmdError, type Command, type Invocation } from '../framework/command';
import { resourcePath } from '../framework/client';
import { GenericPrinter, parseOutput } from '../printers/output';
import { TabWriter } from '../printers/tabwriter';
import { helpFor } from './help-texts';

const last = (e: Event) =>
  e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;

function lastSeen(e: Event, now: number): string {
  const count = e.series?.count ?? e.count ?? 1;
  const age = translateTimestampSince(last(e), now);
  if (count > 1)
    return `${age} (x${count} over ${translateTimestampSince(e.firstTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp, now)})`;
  return age;
}

async function runEvents(inv: Invocation): Promise<number> {
  const allNs = inv.flags.bool('all-namespaces');
  const types = inv.flags.strings('types');
  for (const t of types)
    if (!['normal', 'warning'].includes(t.toLowerCase()))
      throw new CmdError(`valid --types are Normal or Warning`);
  const q: Record<string, string> = {};
  const forArg = inv.flags.string('for');
  if (forArg) {
    const [type, name] = forArg.includes('/') ? forArg.split('/') : ['', ''];
    if (!name) throw new CmdError(`--for must be in resource/name form`);
    const r = await inv.client.resolveType(type);
    q.fieldSelector = `involvedObject.kind=${r.kind},involvedObject.name=${name}`;
    void resourcePath;
  }
  const path = allNs ? '/api/v1/events' : `/api/v1/namespaces/${inv.namespace}/events`;
  const list = await inv.client.get<{ items: Event[]; metadata: { resourceVersion?: string } }>(path, q);
  const keep = (e: Event) =>
    !types.length || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase());
  const events = list.items
    .filter(keep)
    .sort((a, b) => Date.parse(last(a) ?? '') - Date.parse(last(b) ?? ''));
  const output = inv.flags.string('output');
  if (output) {
    const spec = await parseOutput(output, inv.io.files, { allowMissingKeys: true });
    if (spec.kind !== 'human') {
      new GenericPrinter(spec, (s) => inv.out(s), { allowMissingKeys: true }).print({
        apiVersion: 'v1',
        items: events,
        kind: 'EventList',
        metadata: {},
      });
      return 0;
    }
  }
  const now = inv.ctx.clock.now();
  const w = new TabWriter((s) => inv.out(s));
  let header = !inv.flags.bool('no-headers');
  const row = (e: Event) => {
    if (header) {
      w.write(`${allNs ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`);
      header = false;
    }
    const o = e.involvedObject;
    w.write(
      `${allNs ? `${e.metadata?.namespace}\t` : ''}${lastSeen(e, now)}\t${e.type ?? ''}\t${e.reason ?? ''}\t${(o.kind ?? '').toLowerCase()}/${o.name ?? ''}\t${(e.message ?? '').trim()}\n`,
    );
  };
  if (!events.length && !inv.flags.bool('watch')) {
    inv.err(allNs ? 'No events found.\n' : `No events found in ${inv.namespace} namespace.\n`);
    return 0;
  }
  for (const e of events) row(e);
  w.flush();
  if (!inv.flags.bool('watch')) return 0;
  await new Promise<void>((resolve) => {
    const cancel = inv.client.watch(
      { method: 'GET', path, query: { ...q, resourceVersion: list.metadata.resourceVersion } },
      (ev) => {
        if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED') return;
        const e = ev.object as unknown as Event;
        if (!keep(e)) return;
        row(e);
        w.flush();
      },
      () => resolve(),
    );
    if (inv.io.signal?.aborted) {
      cancel();
      resolve();
    }
    inv.io.signal?.addEventListener('abort', () => {
      cancel();
      resolve();
    });
  });
  return 0;
}

/** `kubectl events`. */
export const eventsCommand: Command = { ...helpFor('events'), run: runEvents };
