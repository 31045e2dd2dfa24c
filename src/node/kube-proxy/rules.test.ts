import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildIptablesRules,
  cidrContains,
  computeProbability,
  ruleText,
  saveString,
  statisticThreshold,
  type BuildInput,
  type IptablesRules,
} from './rules';
import { endpointSlices, service, services, slice } from './testdata/fixture';

const GOLDEN = fileURLToPath(new URL('./testdata/iptables-save.golden.txt', import.meta.url));

const base: BuildInput = {
  nodeName: 'node-1',
  nodeIPs: ['172.18.0.3'],
  services,
  endpointSlices,
  clusterCIDR: '10.244.0.0/16',
};

/** Rule lines of one chain in one table. */
function chainLines(r: IptablesRules, table: 'nat' | 'filter', chain: string): string[] {
  return r[table].rules.filter((x) => x.chain === chain).map(ruleText);
}

describe('buildIptablesRules golden output', () => {
  it('matches testdata/iptables-save.golden.txt (regenerate with UPDATE_GOLDEN=1)', () => {
    const text = buildIptablesRules(base).text;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('is the same whatever order the objects come in', () => {
    const a = buildIptablesRules(base).text;
    const b = buildIptablesRules({
      ...base,
      services: [...services].reverse(),
      endpointSlices: [...endpointSlices].reverse(),
    }).text;
    expect(b).toBe(a);
  });
});

describe('probabilities', () => {
  it.each([
    [2, '0.5000000000', '0.50000000000'],
    [3, '0.3333333333', '0.33333333349'],
    [4, '0.2500000000', '0.25000000000'],
    [7, '0.1428571429', '0.14285714272'],
    [10, '0.1000000000', '0.10000000009'],
  ])('1/%i is written as %s and saved as %s', (n, written, saved) => {
    expect(computeProbability(n)).toBe(written);
    expect((statisticThreshold(written) / 2 ** 31).toFixed(11)).toBe(saved);
  });

  it('gives the i-th of n endpoints 1/(n-i) and the last none', () => {
    const eps = ['10.244.1.1', '10.244.1.2', '10.244.1.3', '10.244.1.4'].map((ip) => ({ ip }));
    const r = buildIptablesRules({
      ...base,
      services: [service('ns', 'four', { clusterIP: '10.96.1.4', ports: [{ port: 80, protocol: 'TCP' }] })],
      endpointSlices: [slice('ns', 'four', 'four-1', [{ port: 80 }], eps)],
    });
    const svc = r.services[0];
    const stats = r.nat.rules
      .filter(
        (x) =>
          x.chain === svc.clusterChain && x.target?.kind === 'jump' && x.target.chain.startsWith('KUBE-SEP'),
      )
      .map((x) => x.matches.find((m) => m.module === 'statistic'))
      .map((m) => (m?.module === 'statistic' ? m.probability : undefined));
    expect(stats).toEqual(['0.2500000000', '0.3333333333', '0.5000000000', undefined]);
  });
});

describe('which services get rules', () => {
  const r = buildIptablesRules(base);

  it('skips headless and ExternalName services', () => {
    expect(r.services.map((s) => s.name)).toEqual([
      'default/empty',
      'default/kubernetes:https',
      'default/shop:http',
      'default/web',
      'kube-system/kube-dns:dns',
      'kube-system/kube-dns:dns-tcp',
    ]);
    expect(r.text).not.toContain('headless');
    expect(r.text).not.toContain('default/external');
  });

  it('balances only over ready endpoints, sorted by ip:port', () => {
    const web = r.services.find((s) => s.name === 'default/web')!;
    expect(web.clusterEndpoints.map((e) => `${e.ip}:${e.port}`)).toEqual([
      '10.244.1.5:8080',
      '10.244.2.3:8080',
      '10.244.2.7:8080',
    ]);
    expect(web.endpoints).toHaveLength(5);
  });

  it('rejects traffic to a service without endpoints in the filter table', () => {
    expect(chainLines(r, 'filter', 'KUBE-SERVICES')).toEqual([
      '-A KUBE-SERVICES -d 10.96.7.8/32 -p tcp -m comment --comment "default/empty has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    ]);
    expect(chainLines(r, 'filter', 'KUBE-EXTERNAL-SERVICES')).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default/empty has no endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 30081 -j REJECT --reject-with icmp-port-unreachable',
    ]);
    expect(r.nat.rules.some((x) => x.service === 'default/empty')).toBe(false);
  });

  it('falls back to serving terminating endpoints when none is ready', () => {
    const out = buildIptablesRules({
      ...base,
      services: [service('ns', 'old', { clusterIP: '10.96.9.9', ports: [{ port: 80, protocol: 'TCP' }] })],
      endpointSlices: [
        slice(
          'ns',
          'old',
          'old-1',
          [{ port: 80 }],
          [
            { ip: '10.244.1.1', ready: false, serving: true, terminating: true },
            { ip: '10.244.1.2', ready: false, serving: false, terminating: true },
            { ip: '10.244.1.3', ready: false, serving: false },
          ],
        ),
      ],
    });
    expect(out.services[0].clusterEndpoints.map((e) => e.ip)).toEqual(['10.244.1.1']);
    expect(chainLines(out, 'nat', out.services[0].clusterChain!)).toEqual([
      '-A KUBE-SVC-GYQ5AIEZKI2K6U57 ! -s 10.244.0.0/16 -d 10.96.9.9/32 -p tcp -m comment --comment "ns/old cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-GYQ5AIEZKI2K6U57 -m comment --comment "ns/old -> 10.244.1.1:80" -j KUBE-SEP-NSFSR4M6QIUZW4VO',
    ]);
  });

  it('treats a service whose endpoints are all unready as having none', () => {
    const out = buildIptablesRules({
      ...base,
      services: [service('ns', 'down', { clusterIP: '10.96.9.8', ports: [{ port: 80, protocol: 'TCP' }] })],
      endpointSlices: [slice('ns', 'down', 'down-1', [{ port: 80 }], [{ ip: '10.244.1.1', ready: false }])],
    });
    expect(out.services[0].hasEndpoints).toBe(false);
    expect(chainLines(out, 'filter', 'KUBE-SERVICES')).toEqual([
      '-A KUBE-SERVICES -d 10.96.9.8/32 -p tcp -m comment --comment "ns/down has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable',
    ]);
  });

  it('leaves out the masquerade rule when no cluster CIDR is known', () => {
    const out = buildIptablesRules({ ...base, clusterCIDR: undefined });
    expect(chainLines(out, 'nat', 'KUBE-SVC-NPX46M4PTMTKRN6Y')).toEqual([
      '-A KUBE-SVC-NPX46M4PTMTKRN6Y -m comment --comment "default/kubernetes:https -> 172.18.0.2:6443" -j KUBE-SEP-V2PECCYPB6X2GSCW',
    ]);
  });

  it('ignores services handed to another proxy', () => {
    const svc = service('ns', 'other', { clusterIP: '10.96.9.7', ports: [{ port: 80, protocol: 'TCP' }] });
    svc.metadata!.labels = { 'service.kubernetes.io/service-proxy-name': 'cilium' };
    expect(buildIptablesRules({ ...base, services: [svc], endpointSlices: [] }).services).toEqual([]);
  });
});

describe('session affinity ClientIP', () => {
  const out = buildIptablesRules({
    ...base,
    services: [
      service('ns', 'sticky', {
        clusterIP: '10.96.3.3',
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        ports: [{ port: 80, protocol: 'TCP' }],
      }),
    ],
    endpointSlices: [
      slice('ns', 'sticky', 'sticky-1', [{ port: 80 }], [{ ip: '10.244.1.1' }, { ip: '10.244.1.2' }]),
    ],
  });
  const svc = out.services[0];
  const [a, b] = svc.clusterEndpoints.map((e) => e.chain);

  it('checks the recent lists before balancing', () => {
    expect(chainLines(out, 'nat', svc.clusterChain!)).toEqual([
      `-A ${svc.clusterChain} ! -s 10.244.0.0/16 -d 10.96.3.3/32 -p tcp -m comment --comment "ns/sticky cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`,
      `-A ${svc.clusterChain} -m comment --comment "ns/sticky -> 10.244.1.1:80" -m recent --rcheck --seconds 10800 --reap --name ${a} --mask 255.255.255.255 --rsource -j ${a}`,
      `-A ${svc.clusterChain} -m comment --comment "ns/sticky -> 10.244.1.2:80" -m recent --rcheck --seconds 10800 --reap --name ${b} --mask 255.255.255.255 --rsource -j ${b}`,
      `-A ${svc.clusterChain} -m comment --comment "ns/sticky -> 10.244.1.1:80" -m statistic --mode random --probability 0.50000000000 -j ${a}`,
      `-A ${svc.clusterChain} -m comment --comment "ns/sticky -> 10.244.1.2:80" -j ${b}`,
    ]);
  });

  it('records the client in the endpoint chain before DNAT', () => {
    expect(chainLines(out, 'nat', a)).toEqual([
      `-A ${a} -s 10.244.1.1/32 -m comment --comment "ns/sticky" -j KUBE-MARK-MASQ`,
      `-A ${a} -p tcp -m comment --comment "ns/sticky" -m recent --set --name ${a} --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.1:80`,
    ]);
  });
});

describe('external traffic policy Local and load balancers', () => {
  const lb = service(
    'ns',
    'lb',
    {
      type: 'LoadBalancer',
      clusterIP: '10.96.4.4',
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 32000,
      loadBalancerSourceRanges: ['203.0.113.0/24'],
      ports: [{ port: 80, protocol: 'TCP', nodePort: 31000 }],
    },
    { loadBalancer: { ingress: [{ ip: '198.51.100.7' }] } },
  );
  const eps = slice(
    'ns',
    'lb',
    'lb-1',
    [{ port: 8080 }],
    [
      { ip: '10.244.1.1', node: 'node-1' },
      { ip: '10.244.2.1', node: 'node-2' },
    ],
  );
  const out = buildIptablesRules({ ...base, services: [lb], endpointSlices: [eps] });
  const s = out.services[0];

  it('sends external traffic through KUBE-EXT to the local endpoints only', () => {
    expect(s.localChain).toBe('KUBE-SVL-H2JOQ2HJPVIW54R7');
    expect(chainLines(out, 'nat', s.externalChain!)).toEqual([
      `-A ${s.externalChain} -s 10.244.0.0/16 -m comment --comment "pod traffic for ns/lb external destinations" -j ${s.clusterChain}`,
      `-A ${s.externalChain} -m comment --comment "masquerade LOCAL traffic for ns/lb external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
      `-A ${s.externalChain} -m comment --comment "route LOCAL traffic for ns/lb external destinations" -m addrtype --src-type LOCAL -j ${s.clusterChain}`,
      `-A ${s.externalChain} -j ${s.localChain}`,
    ]);
    expect(chainLines(out, 'nat', s.localChain!)).toEqual([
      `-A ${s.localChain} -m comment --comment "ns/lb -> 10.244.1.1:8080" -j ${s.endpoints[0].chain}`,
    ]);
  });

  it('filters load-balancer sources in KUBE-FW and opens the health check node port', () => {
    const fw = 'KUBE-FW-H2JOQ2HJPVIW54R7';
    expect(chainLines(out, 'nat', fw)).toEqual([
      `-A ${fw} -s 203.0.113.0/24 -m comment --comment "ns/lb loadbalancer IP" -j ${s.externalChain}`,
      `-A ${fw} -m comment --comment "other traffic to ns/lb will be dropped by KUBE-PROXY-FIREWALL"`,
    ]);
    expect(chainLines(out, 'nat', 'KUBE-SERVICES')).toContain(
      `-A KUBE-SERVICES -d 198.51.100.7/32 -p tcp -m comment --comment "ns/lb loadbalancer IP" -m tcp --dport 80 -j ${fw}`,
    );
    expect(chainLines(out, 'filter', 'KUBE-PROXY-FIREWALL')).toEqual([
      `-A KUBE-PROXY-FIREWALL -d 198.51.100.7/32 -p tcp -m comment --comment "ns/lb traffic not accepted by ${fw}" -m tcp --dport 80 -j DROP`,
    ]);
    expect(chainLines(out, 'filter', 'KUBE-NODEPORTS')).toEqual([
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "ns/lb health check node port" -m tcp --dport 32000 -j ACCEPT',
    ]);
  });

  it('drops external traffic on a node without local endpoints', () => {
    const other = buildIptablesRules({ ...base, nodeName: 'node-3', services: [lb], endpointSlices: [eps] });
    expect(chainLines(other, 'filter', 'KUBE-EXTERNAL-SERVICES')).toEqual([
      '-A KUBE-EXTERNAL-SERVICES -d 198.51.100.7/32 -p tcp -m comment --comment "ns/lb has no local endpoints" -m tcp --dport 80 -j DROP',
      '-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "ns/lb has no local endpoints" -m addrtype --dst-type LOCAL -m tcp --dport 31000 -j DROP',
    ]);
    expect(other.services[0].localChain).toBeUndefined();
  });
});

describe('helpers', () => {
  it.each([
    ['default/web', '"default/web"'],
    ['abc-DEF_09', 'abc-DEF_09'],
    ['', '""'],
    ['say "hi"', '"say \\"hi\\""'],
  ])('saveString(%j) = %s', (v, want) => {
    expect(saveString(v)).toBe(want);
  });

  it.each([
    ['10.244.0.0/16', '10.244.255.1', true],
    ['10.244.0.0/16', '10.245.0.1', false],
    ['10.96.0.1', '10.96.0.1', true],
    ['10.96.0.1/32', '10.96.0.2', false],
    ['0.0.0.0/0', '1.2.3.4', true],
  ])('cidrContains(%s, %s) = %s', (c, ip, want) => {
    expect(cidrContains(c, ip)).toBe(want);
  });
});
