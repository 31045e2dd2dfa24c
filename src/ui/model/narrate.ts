/**
 * Plain-language narration of a hop for the side panel ("The scheduler saw a pod with no node. It
 * filtered 3 nodes: control-plane had an untolerated taint …"). Built only from the trace record.
 */
import type { TraceRecord } from '../../runtime/trace';
import { endpointId, nodeOfEndpoint, type Hop } from './hops';
import { rejection, tableFromDecision } from './scheduler-table';

const VERB_WORDS: Record<string, string> = {
  POST: 'create',
  PUT: 'replace',
  PATCH: 'patch',
  DELETE: 'delete',
  GET: 'read',
};

/** A component's name in words ("the scheduler", "the kubelet on node-1", "you (kubectl)"). */
export function who(endpoint: string | undefined): string {
  const id = endpointId(endpoint);
  if (id === undefined) return 'the page';
  switch (id) {
    case 'kube-apiserver':
      return 'the API server';
    case 'etcd':
      return 'etcd';
    case 'kube-scheduler':
      return 'the scheduler';
    case 'kube-controller-manager':
      return 'the controller manager';
    case 'user':
      return endpoint && endpoint !== 'client' ? `you (${endpoint})` : 'you';
  }
  const node = nodeOfEndpoint(id);
  const agent = id.slice(0, id.indexOf('/'));
  const what = agent === 'containerd' ? 'the container runtime' : `the ${agent}`;
  return `${what} on ${node}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function objectName(r: TraceRecord): string {
  const res = r.resource?.split('/')[0];
  const kind = res ? res.replace(/ies$/, 'y').replace(/s$/, '') : 'object';
  if (!r.name) return res ? `the ${res}` : 'an object';
  return `${kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

function schedulerStory(r: TraceRecord): string {
  const t = tableFromDecision(r.detail);
  const pod = objectName(r);
  if (!t) return `The scheduler made a decision about ${pod}.`;
  const parts = t.nodes.map((n) => {
    const rej = rejection(t, n);
    return rej ? `${n} failed ${rej.plugin} (${rej.reason})` : `${n} passed`;
  });
  let s = `The scheduler saw ${pod} with no node. It filtered ${t.nodes.length} node${t.nodes.length === 1 ? '' : 's'}: ${parts.join('; ')}.`;
  if (t.selected) {
    const scored = t.feasible.length;
    s += ` It scored the ${scored} feasible node${scored === 1 ? '' : 's'} and picked ${t.selected} (total ${t.total[t.selected] ?? 0}); next it asks the API server to bind the pod there.`;
  } else {
    s += ` No node fits, so the pod stays Pending${t.message ? `: ${t.message}` : ''}.`;
  }
  return s;
}

/** The narration of one record. */
export function narrateRecord(r: TraceRecord): string {
  const from = who(r.from);
  const to = who(r.to);
  const [res, sub] = (r.resource ?? '').split('/');
  switch (r.kind) {
    case 'request': {
      const path = typeof r.detail?.path === 'string' ? ` (${r.verb} ${r.detail.path})` : '';
      const watch = (r.detail?.query as Record<string, unknown> | undefined)?.watch === 'true';
      if (sub === 'binding')
        return `${cap(from)} asked the API server to bind ${objectName(r)} to a node: it posts a Binding, which sets spec.nodeName${path}.`;
      if (sub === 'status')
        return `${cap(from)} reported the status of ${objectName(r)} to the API server${path}.`;
      if (watch)
        return `${cap(from)} opened a watch on ${res || 'objects'}: the API server will push every change${path}.`;
      const verb = VERB_WORDS[r.verb] ?? r.verb;
      const target = r.verb === 'GET' && !r.name ? `the ${res || 'objects'}` : objectName(r);
      return `${cap(from)} asked the API server to ${verb} ${target}${path}.`;
    }
    case 'response': {
      const reason = typeof r.detail?.reason === 'string' ? ` (${r.detail.reason})` : '';
      return `The API server answered ${to} with HTTP ${r.verb}${reason}.`;
    }
    case 'stage': {
      const note = typeof r.detail?.note === 'string' && r.detail.note ? `: ${r.detail.note}` : '';
      return `The API server ran the “${r.verb}” step of its request pipeline${note}.`;
    }
    case 'etcd': {
      const key = typeof r.detail?.key === 'string' ? ` under the key ${r.detail.key}` : '';
      const rev = r.revision !== undefined ? `; etcd's revision is now ${r.revision}` : '';
      if (r.verb.startsWith('txn delete'))
        return `The API server deleted ${objectName(r)} from etcd${key}${rev}.`;
      if (r.verb.startsWith('txn put')) {
        const failed = r.verb.includes('compare failed')
          ? ' — but the compare failed (someone changed it first), so nothing was written'
          : '';
        return `The API server wrote ${objectName(r)} to etcd${key}${failed}${failed ? '' : rev}.`;
      }
      return `The API server sent etcd a ${r.verb}${rev}.`;
    }
    case 'watch': {
      const what =
        r.verb === 'ADDED'
          ? 'was added'
          : r.verb === 'DELETED'
            ? 'was deleted'
            : r.verb === 'MODIFIED'
              ? 'changed'
              : `had a ${r.verb} event`;
      return `Through its watch, the API server told ${to} that ${objectName(r)} ${what}${r.revision ? ` (resourceVersion ${r.revision})` : ''}.`;
    }
    case 'decision':
      if (r.to === 'kube-scheduler' && r.detail && 'filter' in r.detail) return schedulerStory(r);
      if (r.verb === 'admit pod')
        return `${cap(to)} admitted ${objectName(r)}: it fits on this node and will be started.`;
      if (r.verb === 'register node') return `${cap(from)} registered node ${r.name} with the API server.`;
      return `${cap(to)} decided: ${r.verb}${r.name ? ` (${objectName(r)})` : ''}.`;
    case 'runtime': {
      const node = nodeOfEndpoint(endpointId(r.to) ?? '') ?? '';
      const ctr = r.name ?? '';
      switch (r.verb) {
        case 'pull':
          return `The kubelet on ${node} asked the container runtime to pull the image ${ctr}.`;
        case 'create':
          return `The kubelet on ${node} asked the container runtime to create the container ${ctr}.`;
        case 'start':
          return `The container runtime on ${node} started the container ${ctr}.`;
        case 'kill':
          return `The kubelet on ${node} asked the container runtime to stop the container ${ctr}.`;
        default:
          return `The kubelet on ${node} asked the container runtime to ${r.verb} ${ctr}.`;
      }
    }
    case 'lifecycle':
      return `${cap(to)}: ${r.verb}${r.name ? ` ${r.name}` : ''}.`;
  }
}

/** The narration of a hop (an aggregated hop says how many records it stands for). */
export function narrate(h: Hop): string {
  if (h.count === 1) return narrateRecord(h.record);
  return `${h.count} similar hops came faster than they can be drawn, shown as one (“${h.label}” from ${who(h.record.from)} to ${who(h.record.to)}). The first: ${narrateRecord(h.record)}`;
}
