/**
 * Plain-language narration of a hop for the side panel ("The scheduler saw a pod with no node. It
 * filtered 3 nodes: control-plane had an untolerated taint …"). Built only from the trace record, in
 * the page's language (a `Translate` over src/i18n's catalogue; English by default).
 */
import { tEn, type Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/en';
import type { TraceRecord } from '../../runtime/trace';
import { endpointId, nodeOfEndpoint, type Hop } from './hops';
import { rejection, tableFromDecision } from './scheduler-table';

const VERBS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'GET']);

/** A component's name in words ("the scheduler", "the kubelet on node-1", "you (kubectl)"). */
export function who(endpoint: string | undefined, t: Translate = tEn): string {
  const id = endpointId(endpoint);
  if (id === undefined) return t('narrate.page');
  switch (id) {
    case 'kube-apiserver':
      return t('narrate.apiserver');
    case 'etcd':
      return t('narrate.etcd');
    case 'kube-scheduler':
      return t('narrate.scheduler');
    case 'kube-controller-manager':
      return t('narrate.controllerManager');
    case 'user':
      return endpoint && endpoint !== 'client'
        ? t('narrate.youClient', { client: endpoint })
        : t('narrate.you');
  }
  const node = nodeOfEndpoint(id) ?? '';
  const agent = id.slice(0, id.indexOf('/'));
  const what = agent === 'containerd' ? t('narrate.runtime') : t('narrate.agent', { agent });
  return t('narrate.onNode', { what, node });
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function objectName(r: TraceRecord, t: Translate): string {
  const res = r.resource?.split('/')[0];
  const kind = res ? res.replace(/ies$/, 'y').replace(/s$/, '') : 'object';
  if (!r.name) return res ? t('narrate.theRes', { res }) : t('narrate.object');
  return t('narrate.named', { kind, name: `${r.namespace ? `${r.namespace}/` : ''}${r.name}` });
}

function schedulerStory(r: TraceRecord, t: Translate): string {
  const table = tableFromDecision(r.detail);
  const pod = objectName(r, t);
  if (!table) return t('narrate.schedDecision', { pod });
  const parts = table.nodes.map((node) => {
    const rej = rejection(table, node);
    return rej
      ? t('narrate.schedFailed', { node, plugin: rej.plugin, reason: rej.reason })
      : t('narrate.schedPassed', { node });
  });
  const n = table.nodes.length;
  let s = t(n === 1 ? 'narrate.schedSaw1' : 'narrate.schedSaw', {
    pod,
    n,
    parts: parts.join(t('narrate.schedPartsSep')),
  });
  if (table.selected) {
    const scored = table.feasible.length;
    s += t(scored === 1 ? 'narrate.schedPicked1' : 'narrate.schedPicked', {
      n: scored,
      node: table.selected,
      total: table.total[table.selected] ?? 0,
    });
  } else {
    s += t('narrate.schedNoFit', { message: table.message ? `: ${table.message}` : '' });
  }
  return s;
}

/** The narration of one record. */
export function narrateRecord(r: TraceRecord, t: Translate = tEn): string {
  const from = who(r.from, t);
  const to = who(r.to, t);
  const ends = { from, From: cap(from), to, To: cap(to) };
  const object = objectName(r, t);
  const [res, sub] = (r.resource ?? '').split('/');
  switch (r.kind) {
    case 'request': {
      const path = typeof r.detail?.path === 'string' ? ` (${r.verb} ${r.detail.path})` : '';
      const watch = (r.detail?.query as Record<string, unknown> | undefined)?.watch === 'true';
      if (sub === 'binding') return t('narrate.bind', { ...ends, object, path });
      if (sub === 'status') return t('narrate.status', { ...ends, object, path });
      if (watch) return t('narrate.watchOpen', { ...ends, res: res || t('narrate.objects'), path });
      const verb = VERBS.has(r.verb) ? t(`narrate.verb.${r.verb}` as MessageKey) : r.verb;
      const target =
        r.verb === 'GET' && !r.name ? t('narrate.theRes', { res: res || t('narrate.objects') }) : object;
      return t('narrate.request', { ...ends, verb, target, path });
    }
    case 'response': {
      const reason = typeof r.detail?.reason === 'string' ? ` (${r.detail.reason})` : '';
      return t('narrate.response', { ...ends, code: r.verb, reason });
    }
    case 'stage': {
      const note = typeof r.detail?.note === 'string' && r.detail.note ? `: ${r.detail.note}` : '';
      return t('narrate.stage', { stage: r.verb, note });
    }
    case 'etcd': {
      const key = typeof r.detail?.key === 'string' ? t('narrate.etcdKey', { key: r.detail.key }) : '';
      const rev = r.revision !== undefined ? t('narrate.etcdRev', { rev: r.revision }) : '';
      if (r.verb.startsWith('txn delete')) return t('narrate.etcdDelete', { object, key, rev });
      if (r.verb.startsWith('txn put')) {
        const failed = r.verb.includes('compare failed');
        return t('narrate.etcdPut', { object, key, rest: failed ? t('narrate.etcdCompareFailed') : rev });
      }
      return t('narrate.etcdOther', { verb: r.verb, rev });
    }
    case 'watch': {
      const what =
        r.verb === 'ADDED' || r.verb === 'DELETED' || r.verb === 'MODIFIED'
          ? t(`narrate.watch.${r.verb}`)
          : t('narrate.watch.other', { verb: r.verb });
      const rv = r.revision ? t('narrate.watchRv', { rv: r.revision }) : '';
      return t('narrate.watch', { ...ends, object, what, rv });
    }
    case 'decision':
      if (r.to === 'kube-scheduler' && r.detail && 'filter' in r.detail) return schedulerStory(r, t);
      if (r.verb === 'admit pod') return t('narrate.admit', { ...ends, object });
      if (r.verb === 'register node') return t('narrate.register', { ...ends, name: r.name ?? '' });
      return t('narrate.decided', { ...ends, verb: r.verb, object: r.name ? ` (${object})` : '' });
    case 'runtime': {
      const node = nodeOfEndpoint(endpointId(r.to) ?? '') ?? '';
      const ctr = r.name ?? '';
      switch (r.verb) {
        case 'pull':
          return t('narrate.pull', { node, ctr });
        case 'create':
          return t('narrate.create', { node, ctr });
        case 'start':
          return t('narrate.start', { node, ctr });
        case 'kill':
          return t('narrate.kill', { node, ctr });
        default:
          return t('narrate.runtimeOther', { node, verb: r.verb, ctr });
      }
    }
    case 'lifecycle':
      return t('narrate.lifecycle', { ...ends, verb: r.verb, name: r.name ? ` ${r.name}` : '' });
  }
}

/** The narration of a hop (an aggregated hop says how many records it stands for). */
export function narrate(h: Hop, t: Translate = tEn): string {
  if (h.count === 1) return narrateRecord(h.record, t);
  return t('narrate.aggregated', {
    n: h.count,
    label: h.label,
    from: who(h.record.from, t),
    to: who(h.record.to, t),
    first: narrateRecord(h.record, t),
  });
}
