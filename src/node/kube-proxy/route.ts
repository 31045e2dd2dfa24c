/**
 * Follows the first packet of a new connection through the rules kube-proxy wrote, the way netfilter
 * would: nat PREROUTING (or OUTPUT for traffic the node itself sends) → KUBE-SERVICES → KUBE-SVC-… /
 * KUBE-EXT-… → `-m statistic --mode random` draws (the kernel compares 31 random bits with the stored
 * threshold; the bits come from the injected Rng) → KUBE-SEP-… → DNAT. When nothing DNATs it, the
 * packet goes through the filter table (INPUT, FORWARD or OUTPUT), where services without endpoints
 * are REJECTed. Leaves out: conntrack (every packet is a new connection), routing decisions other than
 * "is the destination a local address", POSTROUTING (MASQUERADE is reported as `masquerade`), and
 * non-kube-proxy rules.
 */
import type { Rng } from '../../runtime/rng';
import {
  cidrContains,
  type IptablesRule,
  type IptablesRules,
  type IptablesTable,
  type Protocol,
} from './rules';

/** The packet to route. */
export interface RouteRequest {
  destIP: string;
  destPort: number;
  protocol: Protocol;
  /** A pod IP or an outside address; absent (or one of the node's IPs) means the node itself sends it. */
  sourceIP?: string;
}

/** State of `-m recent` lists (ClientIP session affinity): list name → source IP → last time (ms). */
export type RecentLists = Map<string, Map<string, number>>;

/** Extra inputs of `routeRequest`. */
export interface RouteOptions {
  /** The node's own addresses (`-m addrtype --dst-type LOCAL`); 127.0.0.0/8 is always local. */
  nodeIPs?: string[];
  /** `-m recent` state, kept between calls for session affinity (updated in place). */
  recent?: RecentLists;
  /** Current time in ms for `-m recent` (default 0). */
  now?: number;
}

/** Where the packet went. `chainPath` lists every chain entered, in order. */
export type RouteResult =
  | { endpoint: { ip: string; port: number }; chainPath: string[]; masquerade: boolean }
  | { rejected: string; target: 'REJECT' | 'DROP'; chainPath: string[] }
  | { noMatch: true; chainPath: string[] };

type Verdict =
  | { kind: 'continue' }
  | { kind: 'dnat'; ip: string; port: number }
  | { kind: 'accept' }
  | { kind: 'drop'; target: 'REJECT' | 'DROP'; rule: IptablesRule };

interface Packet {
  src: string;
  dst: string;
  dport: number;
  protocol: Protocol;
  mark: number;
  local: (ip: string) => boolean;
  fromNode: boolean;
}

interface Walk {
  table: IptablesTable;
  byChain: Map<string, IptablesRule[]>;
  path: string[];
  rng: Rng;
  recent: RecentLists;
  now: number;
}

/** Routes one new connection through `rules` with `rng` standing in for the kernel's random bits. */
export function routeRequest(
  rules: IptablesRules,
  req: RouteRequest,
  rng: Rng,
  opts: RouteOptions = {},
): RouteResult {
  const nodeIPs = opts.nodeIPs ?? [];
  const local = (ip: string) => nodeIPs.includes(ip) || cidrContains('127.0.0.0/8', ip);
  const fromNode = req.sourceIP === undefined || local(req.sourceIP);
  const pkt: Packet = {
    src: req.sourceIP ?? nodeIPs[0] ?? '127.0.0.1',
    dst: req.destIP,
    dport: req.destPort,
    protocol: req.protocol,
    mark: 0,
    local,
    fromNode,
  };
  const path: string[] = [];
  const recent = opts.recent ?? new Map();
  const now = opts.now ?? 0;
  const natWalk: Walk = { table: rules.nat, byChain: group(rules.nat), path, rng, recent, now };
  const natVerdict = walkChain(natWalk, fromNode ? 'OUTPUT' : 'PREROUTING', pkt);
  if (natVerdict.kind === 'dnat')
    return {
      endpoint: { ip: natVerdict.ip, port: natVerdict.port },
      chainPath: path,
      masquerade: (pkt.mark & 0x4000) !== 0,
    };
  if (natVerdict.kind === 'drop') return dropped(natVerdict, path);
  const filterChain = fromNode ? 'OUTPUT' : local(pkt.dst) ? 'INPUT' : 'FORWARD';
  const filterWalk: Walk = { ...natWalk, table: rules.filter, byChain: group(rules.filter) };
  const v = walkChain(filterWalk, filterChain, pkt);
  if (v.kind === 'drop') return dropped(v, path);
  return { noMatch: true, chainPath: path };
}

function dropped(v: Extract<Verdict, { kind: 'drop' }>, path: string[]): RouteResult {
  const c = v.rule.matches.find((m) => m.module === 'comment');
  return { rejected: c?.module === 'comment' ? c.comment : v.rule.chain, target: v.target, chainPath: path };
}

function group(t: IptablesTable): Map<string, IptablesRule[]> {
  const m = new Map<string, IptablesRule[]>();
  for (const r of t.rules) {
    let list = m.get(r.chain);
    if (!list) m.set(r.chain, (list = []));
    list.push(r);
  }
  return m;
}

function walkChain(w: Walk, chain: string, pkt: Packet, depth = 0): Verdict {
  if (depth > 32) throw new Error(`iptables: too many levels of jumps at ${chain}`);
  w.path.push(chain);
  for (const rule of w.byChain.get(chain) ?? []) {
    if (!matches(w, rule, pkt)) continue;
    const t = rule.target;
    if (!t) continue;
    switch (t.kind) {
      case 'jump': {
        const v = walkChain(w, t.chain, pkt, depth + 1);
        if (v.kind !== 'continue') return v;
        break;
      }
      case 'RETURN':
        return { kind: 'continue' };
      case 'MARK':
        pkt.mark = ((pkt.mark & ~t.mask) ^ t.value) >>> 0;
        break;
      case 'DNAT':
        return { kind: 'dnat', ip: t.ip, port: t.port };
      case 'ACCEPT':
      case 'MASQUERADE':
        return { kind: 'accept' };
      case 'REJECT':
      case 'DROP':
        return { kind: 'drop', target: t.kind, rule };
    }
  }
  return { kind: 'continue' };
}

function matches(w: Walk, r: IptablesRule, pkt: Packet): boolean {
  if (r.source !== undefined && cidrContains(r.source, pkt.src) === !!r.notSource) return false;
  if (r.destination !== undefined && cidrContains(r.destination, pkt.dst) === !!r.notDestination)
    return false;
  if (r.protocol !== undefined && r.protocol !== pkt.protocol) return false;
  for (const m of r.matches) {
    switch (m.module) {
      case 'comment':
        break;
      case 'tcp':
      case 'udp':
      case 'sctp':
        if (m.module !== pkt.protocol) return false;
        if (m.dport !== undefined && m.dport !== pkt.dport) return false;
        break;
      case 'statistic':
        // xt_statistic: (get_random_u32() & 0x7FFFFFFF) < threshold.
        if (Math.floor(w.rng.next() * 0x80000000) >= m.threshold) return false;
        break;
      case 'recent': {
        let list = w.recent.get(m.name);
        if (m.mode === 'set') {
          if (!list) w.recent.set(m.name, (list = new Map()));
          list.set(pkt.src, w.now);
        } else {
          const seen = list?.get(pkt.src);
          if (seen === undefined) return false;
          if (w.now - seen > m.seconds * 1000) {
            list!.delete(pkt.src);
            return false;
          }
        }
        break;
      }
      case 'addrtype':
        if (m.dstType === 'LOCAL' && !pkt.local(pkt.dst)) return false;
        if (m.srcType === 'LOCAL' && !pkt.fromNode) return false;
        break;
      case 'conntrack': {
        // Every routed packet opens a new connection.
        const hit = m.ctstate.split(',').includes('NEW');
        if (hit === !!m.negate) return false;
        break;
      }
      case 'mark':
        if (((pkt.mark & m.mask) === m.value) === !!m.negate) return false;
        break;
    }
  }
  return true;
}
