/**
 * Service IP and NodePort allocation, done by kube-apiserver's service REST storage: ClusterIPs from
 * 10.96.0.0/12 (10.96.0.1 is the `kubernetes` service; dynamic allocation prefers the upper part of the
 * range, leaving the first 256 addresses for static choices such as the DNS service's 10.96.0.10), and
 * NodePorts from 30000–32767.
 */
import { fieldError, type FieldError } from '../../api/field-errors';
import type { KubeObject } from '../../api/types';
import type { Rng } from '../../runtime/rng';

/** The service CIDR. */
export const SERVICE_CIDR = '10.96.0.0/12';
const BASE = (10 << 24) | (96 << 16);
const SIZE = 1 << 20;
const STATIC_BAND = 256;
/** NodePort range. */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

function ipToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

interface ServicePort {
  nodePort?: number;
}
interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
}

/** Allocation state, rebuilt from the stored services at start. */
export class ServiceAllocator {
  private ips = new Set<number>();
  private ports = new Set<number>();
  constructor(private readonly rng: Rng) {}

  /** Marks what existing services hold. */
  load(services: Iterable<KubeObject>): void {
    for (const s of services) this.hold(s);
  }

  private hold(s: KubeObject): void {
    const spec = (s.spec ?? {}) as ServiceSpec;
    for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) {
      const n = ipToInt(ip);
      if (n !== undefined) this.ips.add(n);
    }
    for (const p of spec.ports ?? []) if (p.nodePort) this.ports.add(p.nodePort);
  }

  /** Allocates the service's ClusterIP and NodePorts (in place). Returns field errors on conflicts. */
  allocate(svc: KubeObject, dryRun: boolean): FieldError[] {
    const spec = (svc.spec ??= {}) as ServiceSpec;
    const errs: FieldError[] = [];
    const takenIps: number[] = [];
    const takenPorts: number[] = [];
    if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') {
      const want = spec.clusterIP || spec.clusterIPs?.[0];
      if (want) {
        const n = ipToInt(want);
        if (n === undefined) {
          // left to validation
        } else if (n < BASE || n >= BASE + SIZE || n === BASE || n === BASE + SIZE - 1) {
          errs.push(
            fieldError.invalid(
              'spec.clusterIPs',
              [want],
              `failed to allocate IP ${want}: the provided IP (${want}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
            ),
          );
        } else if (this.ips.has(n)) {
          errs.push(
            fieldError.invalid(
              'spec.clusterIPs',
              [want],
              `failed to allocate IP ${want}: provided IP is already allocated`,
            ),
          );
        } else {
          takenIps.push(n);
        }
      } else {
        let n: number;
        let tries = 0;
        do {
          n = BASE + STATIC_BAND + this.rng.int(SIZE - STATIC_BAND - 1);
        } while (this.ips.has(n) && ++tries < 1_000_000);
        spec.clusterIP = intToIp(n);
        takenIps.push(n);
      }
      if (spec.clusterIP === undefined && takenIps.length) spec.clusterIP = intToIp(takenIps[0]);
      if (takenIps.length) spec.clusterIPs = [intToIp(takenIps[0])];
    } else if (spec.clusterIP === 'None') {
      spec.clusterIPs = ['None'];
    }
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      (spec.ports ?? []).forEach((p, i) => {
        if (p.nodePort) {
          if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX)
            errs.push(
              fieldError.invalid(
                `spec.ports[${i}].nodePort`,
                p.nodePort,
                `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
              ),
            );
          else if (this.ports.has(p.nodePort) || takenPorts.includes(p.nodePort))
            errs.push(
              fieldError.invalid(
                `spec.ports[${i}].nodePort`,
                p.nodePort,
                'provided port is already allocated',
              ),
            );
          else takenPorts.push(p.nodePort);
        } else {
          let port: number;
          do port = NODE_PORT_MIN + this.rng.int(NODE_PORT_MAX - NODE_PORT_MIN + 1);
          while (this.ports.has(port) || takenPorts.includes(port));
          p.nodePort = port;
          takenPorts.push(port);
        }
      });
    }
    if (errs.length || dryRun) return errs;
    for (const n of takenIps) this.ips.add(n);
    for (const p of takenPorts) this.ports.add(p);
    return errs;
  }

  /** On update: keeps allocated values the new object leaves empty, allocates new NodePorts. */
  update(svc: KubeObject, old: KubeObject, dryRun: boolean): FieldError[] {
    const spec = (svc.spec ??= {}) as ServiceSpec;
    const oldSpec = (old.spec ?? {}) as ServiceSpec;
    if (!spec.clusterIP && oldSpec.clusterIP && spec.type !== 'ExternalName')
      spec.clusterIP = oldSpec.clusterIP;
    if (!spec.clusterIPs?.length && oldSpec.clusterIPs && spec.type !== 'ExternalName')
      spec.clusterIPs = oldSpec.clusterIPs;
    const oldPorts = new Set((oldSpec.ports ?? []).map((p) => p.nodePort).filter(Boolean));
    const errs: FieldError[] = [];
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      (spec.ports ?? []).forEach((p, i) => {
        const prev = (oldSpec.ports ?? [])[i] as ServicePort | undefined;
        if (!p.nodePort && prev?.nodePort) p.nodePort = prev.nodePort;
        if (p.nodePort && oldPorts.has(p.nodePort)) return;
        if (p.nodePort) {
          if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX)
            errs.push(
              fieldError.invalid(
                `spec.ports[${i}].nodePort`,
                p.nodePort,
                `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
              ),
            );
          else if (this.ports.has(p.nodePort))
            errs.push(
              fieldError.invalid(
                `spec.ports[${i}].nodePort`,
                p.nodePort,
                'provided port is already allocated',
              ),
            );
          else if (!dryRun) this.ports.add(p.nodePort);
        } else {
          let port: number;
          do port = NODE_PORT_MIN + this.rng.int(NODE_PORT_MAX - NODE_PORT_MIN + 1);
          while (this.ports.has(port));
          p.nodePort = port;
          if (!dryRun) this.ports.add(port);
        }
      });
    } else {
      for (const p of spec.ports ?? []) delete p.nodePort;
    }
    if (!dryRun) {
      const kept = new Set((spec.ports ?? []).map((p) => p.nodePort));
      for (const p of oldPorts) if (p && !kept.has(p)) this.ports.delete(p);
    }
    return errs;
  }

  /** Frees what a deleted (or refused) service held. */
  release(svc: KubeObject): void {
    const spec = (svc.spec ?? {}) as ServiceSpec;
    for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) {
      const n = ipToInt(ip);
      if (n !== undefined && n !== BASE + 1) this.ips.delete(n);
    }
    for (const p of spec.ports ?? []) if (p.nodePort) this.ports.delete(p.nodePort);
  }
}
