/**
 * The kubelet's node lifecycle duties (upstream pkg/kubelet/kubelet_node_status.go and nodelease):
 * register the Node object with its capacity, allocatable, conditions, addresses and nodeInfo; renew
 * the node's Lease in `kube-node-lease` every 10 s (duration 40 s); and post full node status when it
 * changes or every 5 minutes.
 *
 * Defaults for a node given without capacity: 2 CPUs, 4 GiB memory, 110 pods, 100 GiB ephemeral
 * storage; allocatable = capacity − the 100 MiB hard eviction threshold for memory.
 */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition, Pod } from 'kubernetes-types/core/v1';
import { isReason } from '../../api/errors';
import { parseQuantity, quantityToString, sub } from '../../api/quantity';
import type { Clientset } from '../../client/rest-client';
import { formatMicroTime } from '../../client/leader-election';
import type { Clock } from '../../runtime/clock';
import type { Tracer } from '../../runtime/trace';

/** How a simulated node is described. */
export interface NodeConfig {
  name: string;
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
  capacity?: Record<string, string>;
  /** Allocatable as given (a Node manifest's status.allocatable); derived from capacity when absent. */
  allocatable?: Record<string, string>;
  podCIDR?: string;
  internalIP?: string;
  /** Extra annotations put on the Node when this kubelet creates it (e.g. `kubelab.dev/node-pool`). */
  annotations?: Record<string, string>;
  /** Static pod manifests (the kubelet's `staticPodPath`): run by this kubelet, mirrored in the API. */
  staticPods?: Pod[];
}

/** Default capacity of a simulated node. */
export const DEFAULT_CAPACITY: Readonly<Record<string, string>> = {
  cpu: '2',
  memory: '4Gi',
  pods: '110',
  'ephemeral-storage': '100Gi',
};

const LEASE_RENEW_MS = 10_000;
const LEASE_DURATION_S = 40;
const STATUS_REPORT_MS = 5 * 60_000;

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Node allocatable from capacity (kubeadm defaults: only the memory eviction threshold is held back). */
export function allocatableFrom(capacity: Record<string, string>): Record<string, string> {
  const out = { ...capacity };
  if (capacity.memory)
    out.memory = quantityToString(sub(parseQuantity(capacity.memory), parseQuantity('100Mi')));
  return out;
}

/** Registers one node and keeps its heartbeat going. */
export class NodeRegistration {
  private leaseTimer: number | undefined;
  private statusTimer: number | undefined;
  private stopped = false;
  constructor(
    private readonly client: Clientset,
    private readonly clock: Clock,
    private readonly tracer: Tracer,
    readonly cfg: NodeConfig,
  ) {}

  /** The conditions a healthy kubelet reports. */
  conditions(now: number, since: number): NodeCondition[] {
    const c = (type: string, status: string, reason: string, message: string): NodeCondition => ({
      type,
      status,
      lastHeartbeatTime: rfc3339(now),
      lastTransitionTime: rfc3339(since),
      reason,
      message,
    });
    return [
      c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
      c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
      c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
      c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
    ];
  }

  /** The Node object this kubelet registers. */
  nodeObject(now: number): Node {
    const cfg = this.cfg;
    const capacity = { ...DEFAULT_CAPACITY, ...(cfg.capacity ?? {}) };
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: cfg.name,
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': cfg.name,
          'kubernetes.io/os': 'linux',
          ...(cfg.labels ?? {}),
        },
        annotations: {
          'node.alpha.kubernetes.io/ttl': '0',
          'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
          ...(cfg.annotations ?? {}),
        },
      },
      spec: {
        podCIDR: cfg.podCIDR,
        podCIDRs: cfg.podCIDR ? [cfg.podCIDR] : undefined,
        taints: cfg.taints?.length ? cfg.taints : undefined,
      },
      status: {
        capacity,
        allocatable: cfg.allocatable ?? allocatableFrom(capacity),
        conditions: this.conditions(now, now),
        addresses: [
          { type: 'InternalIP', address: cfg.internalIP ?? '172.18.0.2' },
          { type: 'Hostname', address: cfg.name },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          machineID: hex(cfg.name, 32),
          systemUUID: hex(cfg.name + '/uuid', 32).replace(
            /^(.{8})(.{4})(.{4})(.{4})(.{12})$/,
            '$1-$2-$3-$4-$5',
          ),
          bootID: hex(cfg.name + '/boot', 32).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
          kernelVersion: '6.8.0-kubelab',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
          containerRuntimeVersion: 'containerd://2.1.3',
          kubeletVersion: 'v1.34.0',
          kubeProxyVersion: '',
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
      },
    };
  }

  /** Registers the node (or takes over an existing Node object) and starts heartbeats. */
  async start(): Promise<void> {
    const now = this.clock.now();
    try {
      const existing = await this.client.nodes.get(undefined, this.cfg.name);
      const next = structuredClone(existing) as Node;
      const fresh = this.nodeObject(now);
      (next as { status: unknown }).status = { ...fresh.status, images: existing.status?.images };
      await this.client.nodes.updateStatus(next);
    } catch (e) {
      if (!isReason(e, 'NotFound')) throw e;
      await this.client.nodes.create(undefined, this.nodeObject(now));
      this.tracer.emit({
        to: 'kube-apiserver',
        kind: 'decision',
        verb: 'register node',
        resource: 'nodes',
        name: this.cfg.name,
      });
    }
    await this.renewLease();
    this.scheduleStatus();
  }

  /** Renews (or creates) the node's Lease. */
  async renewLease(): Promise<void> {
    if (this.stopped) return;
    const now = this.clock.now();
    const leases = this.client.leases;
    try {
      try {
        const cur = await leases.get('kube-node-lease', this.cfg.name);
        const next = structuredClone(cur) as Lease;
        (next as { spec: Lease['spec'] }).spec = {
          ...cur.spec,
          holderIdentity: this.cfg.name,
          leaseDurationSeconds: LEASE_DURATION_S,
          renewTime: formatMicroTime(now),
        };
        await leases.update(next);
      } catch (e) {
        if (!isReason(e, 'NotFound')) throw e;
        const node = await this.client.nodes.get(undefined, this.cfg.name);
        await leases.create('kube-node-lease', {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: {
            name: this.cfg.name,
            namespace: 'kube-node-lease',
            ownerReferences: [
              { apiVersion: 'v1', kind: 'Node', name: this.cfg.name, uid: node.metadata!.uid! },
            ],
          },
          spec: {
            holderIdentity: this.cfg.name,
            leaseDurationSeconds: LEASE_DURATION_S,
            renewTime: formatMicroTime(now),
          },
        });
      }
    } catch {
      // The apiserver may be down or restarting: the next renewal tries again.
    }
    if (!this.stopped) this.leaseTimer = this.clock.setTimeout(() => void this.renewLease(), LEASE_RENEW_MS);
  }

  private scheduleStatus(): void {
    this.statusTimer = this.clock.setTimeout(async () => {
      if (this.stopped) return;
      try {
        const cur = await this.client.nodes.get(undefined, this.cfg.name);
        const next = structuredClone(cur) as Node;
        const now = this.clock.now();
        for (const c of next.status?.conditions ?? [])
          (c as { lastHeartbeatTime?: string }).lastHeartbeatTime = rfc3339(now);
        await this.client.nodes.updateStatus(next);
      } catch {
        // retried at the next report
      }
      this.scheduleStatus();
    }, STATUS_REPORT_MS);
  }

  /** Stops heartbeating (the node will go NotReady once the node controller notices). */
  stop(): void {
    this.stopped = true;
    if (this.leaseTimer !== undefined) this.clock.clearTimeout(this.leaseTimer);
    if (this.statusTimer !== undefined) this.clock.clearTimeout(this.statusTimer);
  }
}

/** A stable hex string from a name (machine ids). */
function hex(seed: string, n: number): string {
  let h = 0x811c9dc5;
  let out = '';
  while (out.length < n) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ out.length, 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, n);
}
