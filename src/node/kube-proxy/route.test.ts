import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../runtime/rng';
import { routeRequest, type RecentLists } from './route';
import { buildIptablesRules } from './rules';
import { endpointSlices, service, services, slice } from './testdata/fixture';

const NODE_IP = '172.18.0.3';
const rules = buildIptablesRules({
  nodeName: 'node-1',
  nodeIPs: [NODE_IP],
  services,
  endpointSlices,
  clusterCIDR: '10.244.0.0/16',
});
const opts = { nodeIPs: [NODE_IP] };
const POD = '10.244.1.100';
/** What SeededRng(42) gives over 3000 connections (pinned: any change to routing or the Rng shows). */
const COUNTS_SEED_42 = { '10.244.1.5:8080': 1004, '10.244.2.3:8080': 1025, '10.244.2.7:8080': 971 };

describe('routeRequest distribution', () => {
  it('spreads 3000 connections to a 3-endpoint service about evenly (exact counts for seed 42)', () => {
    const rng = new SeededRng(42);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 3000; i++) {
      const r = routeRequest(
        rules,
        { destIP: '10.96.12.34', destPort: 80, protocol: 'tcp', sourceIP: POD },
        rng,
        opts,
      );
      if (!('endpoint' in r)) throw new Error('not routed');
      const k = `${r.endpoint.ip}:${r.endpoint.port}`;
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts).toEqual(COUNTS_SEED_42);
    for (const n of Object.values(counts)) expect(Math.abs(n - 1000)).toBeLessThan(80);
  });

  it('makes the same choices for the same seed', () => {
    const pick = (seed: number) => {
      const rng = new SeededRng(seed);
      return Array.from({ length: 20 }, () => {
        const r = routeRequest(
          rules,
          { destIP: '10.96.0.10', destPort: 53, protocol: 'udp', sourceIP: POD },
          rng,
          opts,
        );
        return 'endpoint' in r ? r.endpoint.ip : '-';
      }).join(',');
    };
    expect(pick(7)).toBe(pick(7));
    expect(pick(7)).not.toBe(pick(8));
  });
});

describe('routeRequest paths', () => {
  /** An Rng whose draws are given (each in [0, 1)). */
  const fixed = (...draws: number[]) => {
    const rng = new SeededRng(1);
    rng.next = () => {
      const v = draws.shift();
      if (v === undefined) throw new Error('unexpected draw');
      return v;
    };
    return rng;
  };

  it.each([
    // First rule has probability 1/3: a draw below it picks the first endpoint.
    [[0.2], '10.244.1.5'],
    // Above 1/3, then below 1/2 on the second rule.
    [[0.5, 0.4], '10.244.2.3'],
    // Above both: the last rule always matches.
    [[0.9, 0.9], '10.244.2.7'],
  ])('draws %j pick %s', (draws, ip) => {
    const r = routeRequest(
      rules,
      { destIP: '10.96.12.34', destPort: 80, protocol: 'tcp', sourceIP: POD },
      fixed(...draws),
      opts,
    );
    expect(r).toMatchObject({ endpoint: { ip, port: 8080 }, masquerade: false });
  });

  it('walks PREROUTING → KUBE-SERVICES → KUBE-SVC → KUBE-SEP for pod traffic', () => {
    const r = routeRequest(
      rules,
      { destIP: '10.96.0.1', destPort: 443, protocol: 'tcp', sourceIP: POD },
      fixed(),
      opts,
    );
    expect(r).toEqual({
      endpoint: { ip: '172.18.0.2', port: 6443 },
      chainPath: ['PREROUTING', 'KUBE-SERVICES', 'KUBE-SVC-NPX46M4PTMTKRN6Y', 'KUBE-SEP-V2PECCYPB6X2GSCW'],
      masquerade: false,
    });
  });

  it('starts at OUTPUT and masquerades for traffic from the node itself', () => {
    const r = routeRequest(rules, { destIP: '10.96.0.1', destPort: 443, protocol: 'tcp' }, fixed(), opts);
    expect(r).toEqual({
      endpoint: { ip: '172.18.0.2', port: 6443 },
      chainPath: [
        'OUTPUT',
        'KUBE-SERVICES',
        'KUBE-SVC-NPX46M4PTMTKRN6Y',
        'KUBE-MARK-MASQ',
        'KUBE-SEP-V2PECCYPB6X2GSCW',
      ],
      masquerade: true,
    });
  });

  it('routes a NodePort through KUBE-NODEPORTS and KUBE-EXT, masquerading', () => {
    const r = routeRequest(
      rules,
      { destIP: NODE_IP, destPort: 30080, protocol: 'tcp', sourceIP: '192.0.2.50' },
      fixed(0.9),
      opts,
    );
    expect(r).toEqual({
      endpoint: { ip: '10.244.2.21', port: 8080 },
      chainPath: [
        'PREROUTING',
        'KUBE-SERVICES',
        'KUBE-NODEPORTS',
        'KUBE-EXT-BILYYKAKWI7RYELB',
        'KUBE-MARK-MASQ',
        'KUBE-SVC-BILYYKAKWI7RYELB',
        'KUBE-SEP-QA3XWXBRZUELUH6I',
      ],
      masquerade: true,
    });
  });

  it('rejects a service without endpoints in the filter table', () => {
    const r = routeRequest(
      rules,
      { destIP: '10.96.7.8', destPort: 80, protocol: 'tcp', sourceIP: POD },
      fixed(),
      opts,
    );
    expect(r).toEqual({
      rejected: 'default/empty has no endpoints',
      target: 'REJECT',
      chainPath: [
        'PREROUTING',
        'KUBE-SERVICES',
        'FORWARD',
        'KUBE-PROXY-FIREWALL',
        'KUBE-FORWARD',
        'KUBE-SERVICES',
      ],
    });
  });

  it('rejects its NodePort through INPUT → KUBE-EXTERNAL-SERVICES', () => {
    const r = routeRequest(
      rules,
      { destIP: NODE_IP, destPort: 30081, protocol: 'tcp', sourceIP: '192.0.2.50' },
      fixed(),
      opts,
    );
    expect(r).toMatchObject({ rejected: 'default/empty has no endpoints', target: 'REJECT' });
    expect((r as { chainPath: string[] }).chainPath.slice(-2)).toEqual([
      'KUBE-NODEPORTS',
      'KUBE-EXTERNAL-SERVICES',
    ]);
  });

  it.each([
    ['an unknown IP', { destIP: '10.96.99.99', destPort: 80, protocol: 'tcp' as const, sourceIP: POD }],
    ['a wrong port', { destIP: '10.96.12.34', destPort: 81, protocol: 'tcp' as const, sourceIP: POD }],
    ['a wrong protocol', { destIP: '10.96.12.34', destPort: 80, protocol: 'udp' as const, sourceIP: POD }],
  ])('matches nothing for %s', (_name, req) => {
    expect(routeRequest(rules, req, fixed(), opts)).toMatchObject({ noMatch: true });
  });

  it('keeps a client on one endpoint with ClientIP affinity until the timeout', () => {
    const sticky = buildIptablesRules({
      nodeName: 'node-1',
      nodeIPs: [NODE_IP],
      services: [
        service('ns', 'sticky', {
          clusterIP: '10.96.3.3',
          sessionAffinity: 'ClientIP',
          sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
          ports: [{ port: 80, protocol: 'TCP' }],
        }),
      ],
      endpointSlices: [
        slice('ns', 'sticky', 's-1', [{ port: 80 }], [{ ip: '10.244.1.1' }, { ip: '10.244.1.2' }]),
      ],
    });
    const recent: RecentLists = new Map();
    const req = { destIP: '10.96.3.3', destPort: 80, protocol: 'tcp' as const, sourceIP: POD };
    const first = routeRequest(sticky, req, fixed(0.9), { ...opts, recent, now: 0 });
    expect(first).toMatchObject({ endpoint: { ip: '10.244.1.2' } });
    // No draw needed: the recent list answers.
    const again = routeRequest(sticky, req, fixed(), { ...opts, recent, now: 59_000 });
    expect(again).toMatchObject({ endpoint: { ip: '10.244.1.2' } });
    const other = routeRequest(sticky, { ...req, sourceIP: '10.244.2.9' }, fixed(0.1), {
      ...opts,
      recent,
      now: 59_000,
    });
    expect(other).toMatchObject({ endpoint: { ip: '10.244.1.1' } });
    // 61 s after the last hit the entry has expired and the statistic rules decide again.
    const later = routeRequest(sticky, req, fixed(0.1), { ...opts, recent, now: 120_000 });
    expect(later).toMatchObject({ endpoint: { ip: '10.244.1.1' } });
  });
});
