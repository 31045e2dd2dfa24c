/**
 * `kubectl expose` (kubectl pkg/cmd/expose + generate/versioned service ServiceGeneratorV2): a Service
 * for a Deployment, ReplicaSet, ReplicationController, Pod or Service, selecting what the object
 * selects (its matchLabels, its selector, or a pod's labels), with the object's labels, ports from
 * `--port` or every container port of the object (`port-1`, `port-2`, ... when several),
 * `--target-port`, `--protocol`, `--type`, `--name`, `--selector`, `--labels`, `--cluster-ip`,
 * `--external-ip`, `--session-affinity`, and kubectl's introspection errors.
 * Leaves out: `-f`, `--load-balancer-ip`, StatefulSets/DaemonSets (not exposable in kubectl either).
 */
import type { KubeObject } from '../../api/types';
import { CmdError, type Command, type Invocation } from '../framework/command';
import { resourcePath } from '../framework/client';
import { dryRunOf } from '../framework/mutate';
import { parseResourceArgs } from '../framework/resources';
import { createObject } from './create';
import { helpFor } from './help-texts';
import { parseLabelList } from './run';

type Obj = Record<string, unknown>;

/** One Service port as the generator writes it. */
export interface GenPort {
  name?: string;
  port: number;
  protocol: string;
  targetPort: number | string;
}

/** The Service object the generator builds. */
export function buildService(o: {
  name: string;
  labels?: Record<string, string>;
  selector: Record<string, string>;
  ports: GenPort[];
  type?: string;
  clusterIP?: string;
  externalIPs?: string[];
  sessionAffinity?: string;
}): Obj {
  const metadata: Obj = { creationTimestamp: null };
  if (o.labels && Object.keys(o.labels).length) metadata.labels = o.labels;
  metadata.name = o.name;
  const spec: Obj = {};
  if (o.clusterIP) spec.clusterIP = o.clusterIP;
  if (o.externalIPs?.length) spec.externalIPs = o.externalIPs;
  spec.ports = o.ports;
  spec.selector = o.selector;
  if (o.sessionAffinity) spec.sessionAffinity = o.sessionAffinity;
  if (o.type) spec.type = o.type;
  return { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } };
}

interface PodSpecish {
  containers?: Array<{ ports?: Array<{ containerPort: number; protocol?: string }> }>;
}

function selectorOf(o: KubeObject): Record<string, string> {
  const kind = o.kind;
  const spec = (o.spec ?? {}) as { selector?: unknown };
  switch (kind) {
    case 'Pod':
      if (!o.metadata.labels || !Object.keys(o.metadata.labels).length)
        throw new CmdError(
          "couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed",
        );
      return o.metadata.labels;
    case 'Service': {
      const sel = spec.selector as Record<string, string> | undefined;
      if (!sel || !Object.keys(sel).length)
        throw new CmdError(
          "couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set",
        );
      return sel;
    }
    case 'ReplicationController':
      return (spec.selector as Record<string, string>) ?? {};
    default: {
      const sel = spec.selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
      if (sel?.matchExpressions?.length)
        throw new CmdError(
          `couldn't retrieve selectors via --selector flag or introspection: ${kind} has a selector with matchExpressions, which cannot be converted to a map`,
        );
      return sel?.matchLabels ?? {};
    }
  }
}

function portsOf(o: KubeObject): Array<{ port: number; protocol: string }> {
  if (o.kind === 'Service') {
    const ports = ((o.spec as { ports?: Array<{ port: number; protocol?: string }> }).ports ?? []).map(
      (p) => ({
        port: p.port,
        protocol: p.protocol ?? 'TCP',
      }),
    );
    return ports;
  }
  const podSpec: PodSpecish =
    o.kind === 'Pod'
      ? ((o.spec ?? {}) as PodSpecish)
      : (((o.spec as { template?: { spec?: PodSpecish } })?.template?.spec ?? {}) as PodSpecish);
  const out: Array<{ port: number; protocol: string }> = [];
  for (const c of podSpec.containers ?? [])
    for (const p of c.ports ?? []) out.push({ port: p.containerPort, protocol: p.protocol ?? 'TCP' });
  return out;
}

async function runExpose(inv: Invocation): Promise<number> {
  if (inv.args.length === 0 && !inv.flags.strings('filename').length)
    throw new CmdError(
      "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  const dry = dryRunOf(inv);
  const { targets } = await parseResourceArgs(inv.client, inv.args);
  for (const t of targets) {
    if (t.name === undefined) throw new CmdError('resource(s) were provided, but no name was specified');
    const r = t.resource;
    if (!['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet'].includes(r.kind))
      throw new CmdError(`cannot expose a ${r.kind}`);
    const obj: KubeObject = {
      ...(await inv.client.get<KubeObject>(resourcePath(r, inv.namespace, t.name))),
      kind: r.kind,
    };
    const selFlag = inv.flags.string('selector');
    const selector = selFlag ? parseLabelList(selFlag) : selectorOf(obj);
    const protoFlag = inv.flags.string('protocol');
    let ports: GenPort[];
    const portFlag = inv.flags.string('port');
    const target = inv.flags.string('target-port');
    const targetValue = (p: number) => (target ? (/^\d+$/.test(target) ? Number(target) : target) : p);
    if (portFlag) {
      const n = Number(portFlag);
      ports = [{ port: n, protocol: protoFlag || 'TCP', targetPort: targetValue(n) }];
    } else {
      const found = portsOf(obj);
      if (!found.length) throw new CmdError("couldn't find port via --port flag or introspection");
      ports = found.map((p, i) => ({
        ...(found.length > 1 ? { name: `port-${i + 1}` } : {}),
        port: p.port,
        protocol: protoFlag || p.protocol,
        targetPort: targetValue(p.port),
      }));
    }
    const labelsFlag = inv.flags.string('labels');
    const svc = buildService({
      name: inv.flags.string('name') || t.name,
      labels: labelsFlag ? parseLabelList(labelsFlag) : obj.metadata.labels,
      selector,
      ports,
      type: inv.flags.string('type') || undefined,
      clusterIP: inv.flags.string('cluster-ip') || undefined,
      externalIPs: inv.flags.string('external-ip') ? inv.flags.string('external-ip').split(',') : undefined,
      sessionAffinity: inv.flags.string('session-affinity') || undefined,
    });
    await createObject(inv, svc as unknown as KubeObject, dry, undefined, undefined, {
      verb: 'exposed',
      fieldManager: 'kubectl-expose',
    });
  }
  return 0;
}

/** `kubectl expose`. */
export const exposeCommand: Command = { ...helpFor('expose'), run: runExpose };
