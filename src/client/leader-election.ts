/**
 * Leader election, mirroring client-go's `tools/leaderelection` with a `resourcelock.LeaseLock`: a
 * candidate acquires or renews a coordination.k8s.io/v1 Lease (holderIdentity, leaseDurationSeconds,
 * acquireTime, renewTime, leaseTransitions as MicroTime), retrying every retryPeriod (with jitter
 * factor 1.2 when an Rng is given), and gives up leadership when it cannot renew within renewDeadline.
 * Expiry is judged from the local time a change of the record was *observed*, not from the Lease's
 * renewTime, exactly as upstream does (clocks of candidates need not agree). As upstream,
 * `onStoppedLeading` runs whenever `run` ends, even if this candidate never led.
 * Leaves out: other lock types, coordinated leader election (`strategy`, `preferredHolder`), metrics
 * and the health-check adaptor.
 */
import type { Lease, LeaseSpec } from 'kubernetes-types/coordination/v1';
import { ApiError } from '../api/errors';
import type { Clock, TimerId } from '../runtime/clock';
import type { Rng } from '../runtime/rng';
import type { ResourceClient } from './rest-client';

/** client-go's `JitterFactor` for the acquire loop. */
export const JITTER_FACTOR = 1.2;

/** Formats ms since the epoch as a metav1.MicroTime: `2026-01-01T00:00:00.000000Z`. */
export function formatMicroTime(ms: number): string {
  const us = Math.floor(ms * 1000);
  const secMs = Math.floor(us / 1_000_000) * 1000;
  const frac = String(us - secMs * 1000).padStart(6, '0');
  return `${new Date(secMs).toISOString().slice(0, 19)}.${frac}Z`;
}

/** Parses a MicroTime (or RFC 3339 time) into ms since the epoch. */
export function parseMicroTime(s: string | undefined): number {
  if (!s) return 0;
  const t = Date.parse(s);
  return Number.isNaN(t) ? 0 : t;
}

/** The lock record (client-go `LeaderElectionRecord`); times in ms. */
export interface LeaderElectionRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: number;
  renewTime: number;
  leaderTransitions: number;
}

/** Converts a record to a Lease spec (`LeaderElectionRecordToLeaseSpec`). */
export function recordToLeaseSpec(r: LeaderElectionRecord): LeaseSpec {
  return {
    holderIdentity: r.holderIdentity,
    leaseDurationSeconds: r.leaseDurationSeconds,
    acquireTime: formatMicroTime(r.acquireTime),
    renewTime: formatMicroTime(r.renewTime),
    leaseTransitions: r.leaderTransitions,
  };
}

/** Converts a Lease spec to a record (`LeaseSpecToLeaderElectionRecord`). */
export function leaseSpecToRecord(s: LeaseSpec | undefined): LeaderElectionRecord {
  return {
    holderIdentity: s?.holderIdentity ?? '',
    leaseDurationSeconds: s?.leaseDurationSeconds ?? 0,
    acquireTime: parseMicroTime(s?.acquireTime),
    renewTime: parseMicroTime(s?.renewTime),
    leaderTransitions: s?.leaseTransitions ?? 0,
  };
}

/** Leadership callbacks. */
export interface LeaderCallbacks {
  /** This candidate became the leader. */
  onStartedLeading(): void;
  /** `run` ended (leadership lost, or stopped). */
  onStoppedLeading(): void;
  /** The observed leader changed (also called for this candidate itself). */
  onNewLeader?(identity: string): void;
}

/** Configuration (client-go `LeaderElectionConfig`); durations in ms. */
export interface LeaderElectionConfig {
  /** Client of coordination.k8s.io/v1 leases (`clientset.leases`). */
  leases: ResourceClient<Lease>;
  clock: Clock;
  /** Jitter of the retry period (none without it). */
  rng?: Rng;
  /** Lease namespace (e.g. `kube-system`). */
  namespace: string;
  /** Lease name (e.g. `kube-scheduler`). */
  name: string;
  /** This candidate's identity (holderIdentity). */
  identity: string;
  /** Default 15 000. */
  leaseDurationMs?: number;
  /** Default 10 000. */
  renewDeadlineMs?: number;
  /** Default 2 000. */
  retryPeriodMs?: number;
  /** Give the lease up (holder "", duration 1 s) when stopped while leading. */
  releaseOnCancel?: boolean;
  callbacks: LeaderCallbacks;
  /** Where failed attempts are reported. */
  onError?: (message: string, err?: unknown) => void;
}

/** One candidate in a leader election (client-go `LeaderElector`). */
export class LeaderElector {
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private observedRecord: LeaderElectionRecord | undefined;
  private observedRaw = '';
  private observedTime = 0;
  private reportedLeader = '';
  private lease: Lease | undefined;
  private stopped = false;
  private sleepTimer: TimerId | undefined;
  private wake: (() => void) | undefined;
  private running = false;

  constructor(private readonly cfg: LeaderElectionConfig) {
    this.leaseDurationMs = cfg.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = cfg.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = cfg.retryPeriodMs ?? 2_000;
    if (this.leaseDurationMs <= this.renewDeadlineMs)
      throw new Error('leaseDuration must be greater than renewDeadline');
    if (this.renewDeadlineMs <= JITTER_FACTOR * this.retryPeriodMs)
      throw new Error('renewDeadline must be greater than retryPeriod*JitterFactor');
    if (this.leaseDurationMs < 1) throw new Error('leaseDuration must be greater than zero');
    if (this.renewDeadlineMs < 1) throw new Error('renewDeadline must be greater than zero');
    if (this.retryPeriodMs < 1) throw new Error('retryPeriod must be greater than zero');
    if (!cfg.identity) throw new Error('Lock identity is empty');
  }

  /** True while this candidate holds the lease (as last observed). */
  isLeader(): boolean {
    return this.observedRecord?.holderIdentity === this.cfg.identity;
  }

  /** The last observed leader's identity. */
  getLeader(): string {
    return this.observedRecord?.holderIdentity ?? '';
  }

  /** The last observed record. */
  getObservedRecord(): LeaderElectionRecord | undefined {
    return this.observedRecord;
  }

  /** Campaigns, leads while it can renew; resolves after `onStoppedLeading`. */
  async run(): Promise<void> {
    if (this.running) throw new Error('leader elector is already running');
    this.running = true;
    try {
      if (!(await this.acquire())) return;
      this.cfg.callbacks.onStartedLeading();
      await this.renew();
    } finally {
      this.running = false;
      this.cfg.callbacks.onStoppedLeading();
    }
  }

  /** Cancels the campaign (the context cancel of client-go). */
  stop(): void {
    this.stopped = true;
    if (this.sleepTimer !== undefined) this.cfg.clock.clearTimeout(this.sleepTimer);
    this.sleepTimer = undefined;
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve();
      this.wake = resolve;
      this.sleepTimer = this.cfg.clock.setTimeout(() => {
        this.sleepTimer = undefined;
        this.wake = undefined;
        resolve();
      }, ms);
    });
  }

  private jittered(ms: number): number {
    return this.cfg.rng ? ms + this.cfg.rng.next() * JITTER_FACTOR * ms : ms;
  }

  private async acquire(): Promise<boolean> {
    for (;;) {
      if (this.stopped) return false;
      const ok = await this.tryAcquireOrRenew();
      this.maybeReportTransition();
      if (ok && !this.stopped) return true;
      if (this.stopped) return false;
      await this.sleep(this.jittered(this.retryPeriodMs));
    }
  }

  private async renew(): Promise<void> {
    for (;;) {
      await this.sleep(this.retryPeriodMs);
      if (this.stopped) break;
      const deadline = this.cfg.clock.now() + this.renewDeadlineMs;
      let ok: boolean;
      for (;;) {
        ok = await this.tryAcquireOrRenew();
        if (ok || this.stopped) break;
        const left = deadline - this.cfg.clock.now();
        if (left <= this.retryPeriodMs) {
          // The renew deadline passes before the next attempt.
          if (left > 0) await this.sleep(left);
          break;
        }
        await this.sleep(this.retryPeriodMs);
        if (this.stopped) break;
      }
      this.maybeReportTransition();
      if (!ok) {
        if (!this.stopped)
          this.cfg.onError?.(
            `failed to renew lease ${this.cfg.namespace}/${this.cfg.name}: timed out waiting for the condition`,
          );
        break;
      }
    }
    if (this.stopped && this.cfg.releaseOnCancel) await this.release();
  }

  /** Gives up the lease (holderIdentity "", leaseDurationSeconds 1). */
  private async release(): Promise<boolean> {
    if (!this.isLeader()) return true;
    const now = this.cfg.clock.now();
    const rec: LeaderElectionRecord = {
      holderIdentity: '',
      leaseDurationSeconds: 1,
      acquireTime: now,
      renewTime: now,
      leaderTransitions: this.observedRecord!.leaderTransitions,
    };
    try {
      await this.updateLock(rec);
    } catch (e) {
      this.cfg.onError?.(`Failed to release lock: ${msg(e)}`, e);
      return false;
    }
    this.setObservedRecord(rec);
    return true;
  }

  private isLeaseValid(now: number): boolean {
    return this.observedTime + this.leaseDurationMs > now;
  }

  private setObservedRecord(r: LeaderElectionRecord): void {
    this.observedRecord = r;
    this.observedTime = this.cfg.clock.now();
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.cfg.clock.now();
    const rec: LeaderElectionRecord = {
      holderIdentity: this.cfg.identity,
      leaseDurationSeconds: Math.floor(this.leaseDurationMs / 1000),
      renewTime: now,
      acquireTime: now,
      leaderTransitions: 0,
    };
    // 1. Fast path: the leader updates optimistically from the record it observed last.
    if (this.isLeader() && this.isLeaseValid(now)) {
      rec.acquireTime = this.observedRecord!.acquireTime;
      rec.leaderTransitions = this.observedRecord!.leaderTransitions;
      try {
        await this.updateLock(rec);
        this.setObservedRecord(rec);
        return true;
      } catch (e) {
        this.cfg.onError?.(`Failed to update lock optimistically: ${msg(e)}, falling back to slow path`, e);
      }
    }
    // 2. Get or create the record.
    let old: LeaderElectionRecord;
    let raw: string;
    try {
      const lease = await this.cfg.leases.get(this.cfg.namespace, this.cfg.name);
      this.lease = lease;
      old = leaseSpecToRecord(lease.spec);
      raw = JSON.stringify(lease.spec ?? {});
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 404)) {
        this.cfg.onError?.(
          `error retrieving resource lock ${this.cfg.namespace}/${this.cfg.name}: ${msg(e)}`,
          e,
        );
        return false;
      }
      try {
        this.lease = await this.cfg.leases.create(this.cfg.namespace, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: this.cfg.name, namespace: this.cfg.namespace },
          spec: recordToLeaseSpec(rec),
        });
      } catch (e2) {
        this.cfg.onError?.(`error initially creating leader election record: ${msg(e2)}`, e2);
        return false;
      }
      this.setObservedRecord(rec);
      return true;
    }
    // 3. Record obtained: check identity and time.
    if (raw !== this.observedRaw) {
      this.setObservedRecord(old);
      this.observedRaw = raw;
    }
    if (old.holderIdentity.length > 0 && this.isLeaseValid(now) && !this.isLeader()) return false;
    // 4. Try to take or keep it.
    if (this.isLeader()) {
      rec.acquireTime = old.acquireTime;
      rec.leaderTransitions = old.leaderTransitions;
    } else {
      rec.leaderTransitions = old.leaderTransitions + 1;
    }
    try {
      await this.updateLock(rec);
    } catch (e) {
      this.cfg.onError?.(`Failed to update lock: ${msg(e)}`, e);
      return false;
    }
    this.setObservedRecord(rec);
    return true;
  }

  private async updateLock(rec: LeaderElectionRecord): Promise<void> {
    if (!this.lease) throw new Error('lease not initialized, call get or create first');
    const next: Lease = { ...this.lease, spec: recordToLeaseSpec(rec) };
    this.lease = await this.cfg.leases.update(next);
  }

  private maybeReportTransition(): void {
    const holder = this.observedRecord?.holderIdentity ?? '';
    if (holder === this.reportedLeader) return;
    this.reportedLeader = holder;
    this.cfg.callbacks.onNewLeader?.(holder);
  }
}

function msg(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
