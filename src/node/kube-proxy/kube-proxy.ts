/**
 * kube-proxy for one simulated node (cmd/kube-proxy + pkg/proxy/iptables, v1.34): watches Services
 * (without the `service.kubernetes.io/service-proxy-name` label) and EndpointSlices (also without
 * `service.kubernetes.io/headless`), and once both caches have synced keeps the node's iptables rule
 * table (`rules.ts`) up to date. Syncs are rate-limited like upstream's BoundedFrequencyRunner with
 * `minSyncPeriod` 1 s: a change runs a sync at once if the last one is at least 1 s old, otherwise one
 * sync runs when the second is up; a full sync also runs every hour. Each sync publishes a `decision`
 * trace record (`sync rules`). Leaves out: the node informer (topology labels), ServiceCIDRs,
 * healthz and metrics, conntrack cleanup, and dual-stack (IPv4 only).
 */
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ApiTransport } from '../../api/rest';
import { SharedInformerFactory, type SharedInformer } from '../../client/informer';
import { Clientset, type ApiObject } from '../../client/rest-client';
import type { Clock, TimerId } from '../../runtime/clock';
import type { Rng } from '../../runtime/rng';
import type { Tracer } from '../../runtime/trace';
import { buildIptablesRules, type IptablesRules } from './rules';

/** kube-proxy's default `minSyncPeriod` for iptables mode. */
export const MIN_SYNC_PERIOD_MS = 1000;
/** Upstream's `proxyutil.FullSyncPeriod`: the longest time between two syncs. */
export const FULL_SYNC_PERIOD_MS = 60 * 60 * 1000;

/** Label that hands a service to another proxy; kube-proxy ignores such objects. */
const SERVICE_PROXY_NAME_LABEL = 'service.kubernetes.io/service-proxy-name';
/** Label the EndpointSlice controller puts on slices of headless services. */
const HEADLESS_LABEL = 'service.kubernetes.io/headless';

/** What a KubeProxy needs. */
export interface KubeProxyOptions {
  api: ApiTransport;
  clock: Clock;
  tracer: Tracer;
  nodeName: string;
  nodeIPs: string[];
  /** Pod network (`--cluster-cidr`), for the masquerade rules of traffic from outside it. */
  clusterCIDR?: string;
  /** Jitter for the informers' back-off and watch timeouts. */
  rng?: Rng;
}

/** One node's kube-proxy in iptables mode. */
export class KubeProxy {
  private readonly factory: SharedInformerFactory;
  private readonly services: SharedInformer<Service>;
  private readonly slices: SharedInformer<EndpointSlice>;
  private readonly from: string;
  private current: IptablesRules;
  private listeners = new Set<(r: IptablesRules) => void>();
  private initialized = false;
  private started = false;
  private stopped = false;
  private lastSync = -Infinity;
  private pendingTimer: TimerId | undefined;
  private fullSyncTimer: TimerId | undefined;
  private lastCause: string | undefined;
  private syncs = 0;

  constructor(private readonly opts: KubeProxyOptions) {
    this.from = `kube-proxy/${opts.nodeName}`;
    const clientset = new Clientset(opts.api, { from: this.from });
    this.factory = new SharedInformerFactory(clientset, { clock: opts.clock, rng: opts.rng });
    this.services = this.factory.informerFor(clientset.resource<Service>('', 'v1', 'services'), {
      labelSelector: `!${SERVICE_PROXY_NAME_LABEL}`,
    });
    this.slices = this.factory.informerFor(
      clientset.resource<EndpointSlice>('discovery.k8s.io', 'v1', 'endpointslices'),
      { labelSelector: `!${SERVICE_PROXY_NAME_LABEL},!${HEADLESS_LABEL}` },
    );
    this.current = this.build();
  }

  /** Starts the informers; the first sync runs once both have synced. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const onEvent = (cause: string | undefined) => {
      this.lastCause = cause ?? this.lastCause;
      this.requestSync();
    };
    for (const inf of [this.services, this.slices] as SharedInformer<ApiObject>[]) {
      inf.addEventHandler({
        onAdd: (_o, cause) => onEvent(cause),
        onUpdate: (_a, _b, cause) => onEvent(cause),
        onDelete: (_o, cause) => onEvent(cause),
      });
    }
    this.factory.start();
    void this.factory.waitForCacheSync().then((ok) => {
      if (!ok || this.stopped) return;
      this.initialized = true;
      // OnServicesSynced / OnEndpointSlicesSynced: sync unconditionally once.
      this.runSync();
    });
  }

  /** Stops the informers and timers. */
  stop(): void {
    this.stopped = true;
    this.factory.shutdown();
    if (this.pendingTimer !== undefined) this.opts.clock.clearTimeout(this.pendingTimer);
    if (this.fullSyncTimer !== undefined) this.opts.clock.clearTimeout(this.fullSyncTimer);
    this.pendingTimer = this.fullSyncTimer = undefined;
  }

  /** The rules as of the last sync (before the first sync: only kube-proxy's fixed chains). */
  rules(): IptablesRules {
    return this.current;
  }

  /** True once both caches synced and the first rules were written. */
  hasSynced(): boolean {
    return this.initialized && this.syncs > 0;
  }

  /** Calls `fn` after every sync that changed the rules; returns the unsubscribe function. */
  onChange(fn: (rules: IptablesRules) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** BoundedFrequencyRunner.Run: sync now if the last sync is at least minSyncPeriod old, else once it is. */
  private requestSync(): void {
    if (!this.initialized || this.stopped || this.pendingTimer !== undefined) return;
    const wait = this.lastSync + MIN_SYNC_PERIOD_MS - this.opts.clock.now();
    if (wait <= 0) {
      this.runSync();
      return;
    }
    this.pendingTimer = this.opts.clock.setTimeout(() => {
      this.pendingTimer = undefined;
      this.runSync();
    }, wait);
  }

  private build(): IptablesRules {
    return buildIptablesRules({
      nodeName: this.opts.nodeName,
      nodeIPs: this.opts.nodeIPs,
      clusterCIDR: this.opts.clusterCIDR,
      services: this.services.indexer.list(),
      endpointSlices: this.slices.indexer.list(),
    });
  }

  private runSync(): void {
    if (this.stopped) return;
    if (this.pendingTimer !== undefined) {
      this.opts.clock.clearTimeout(this.pendingTimer);
      this.pendingTimer = undefined;
    }
    this.lastSync = this.opts.clock.now();
    const next = this.build();
    const changed = next.text !== this.current.text;
    this.current = next;
    this.syncs++;
    this.opts.tracer.emit({
      from: this.from,
      to: this.from,
      kind: 'decision',
      verb: 'sync rules',
      causeId: this.lastCause,
      detail: { services: next.services.length, endpoints: next.endpointCount },
    });
    this.lastCause = undefined;
    if (this.fullSyncTimer !== undefined) this.opts.clock.clearTimeout(this.fullSyncTimer);
    this.fullSyncTimer = this.opts.clock.setTimeout(() => {
      this.fullSyncTimer = undefined;
      this.runSync();
    }, FULL_SYNC_PERIOD_MS);
    if (changed) for (const fn of [...this.listeners]) fn(next);
  }
}
