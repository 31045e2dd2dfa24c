import { describe, it, expect } from 'vitest';
import { formatFieldError } from '../../../api/field-errors';
import { findByKind } from '../../../api/resources';
import type { KubeObject } from '../../../api/types';
import { applyDefaults, prepareJobForCreate } from '../defaults';
import { validateCreate, validateStatusUpdate, validateUpdate } from './index';
import { cronParseError } from './cron';

const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name', or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue', or 'my_value', or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_PART =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName', or 'my.name', or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const CONFIG_KEY =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', or 'KEY_NAME', or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

function info(apiVersion: string, kind: string) {
  const r = findByKind(apiVersion, kind);
  if (!r) throw new Error(`no ${kind}`);
  return r;
}

/** Defaults then validates a create, returning rendered messages. */
function create(apiVersion: string, kind: string, o: Record<string, unknown>): string[] {
  const r = info(apiVersion, kind);
  const obj = structuredClone({ apiVersion, kind, ...o }) as KubeObject;
  applyDefaults(r, obj);
  if (kind === 'Job') {
    obj.metadata.uid = 'uid-1';
    prepareJobForCreate(obj, 'uid-1');
  }
  return validateCreate(r, obj).map(formatFieldError);
}

function update(apiVersion: string, kind: string, o: Record<string, unknown>, old: Record<string, unknown>): string[] {
  const r = info(apiVersion, kind);
  const a = structuredClone({ apiVersion, kind, ...o }) as KubeObject;
  const b = structuredClone({ apiVersion, kind, ...old }) as KubeObject;
  applyDefaults(r, a);
  applyDefaults(r, b);
  return validateUpdate(r, a, b).map(formatFieldError);
}

const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'default', ...extra });
const ctr = (extra: Record<string, unknown> = {}) => ({ name: 'c', image: 'nginx', ...extra });
const pod = (spec: Record<string, unknown>, m: Record<string, unknown> = meta('p')) => ({ metadata: m, spec });

describe('ObjectMeta', () => {
  const cases: [string, string, string, Record<string, unknown>, string[]][] = [
    ['valid pod', 'v1', 'Pod', pod({ containers: [ctr()] }), []],
    ['name required', 'v1', 'Pod', pod({ containers: [ctr()] }, { namespace: 'default' }), ['metadata.name: Required value: name or generateName is required']],
    ['subdomain name', 'v1', 'Pod', pod({ containers: [ctr()] }, meta('Foo')), [`metadata.name: Invalid value: "Foo": ${SUBDOMAIN}`]],
    ['generateName prefix may end with -', 'v1', 'Pod', pod({ containers: [ctr()] }, { generateName: 'web-', name: 'web-abcde', namespace: 'default' }), []],
    ['namespace DNS label', 'v1', 'Namespace', { metadata: { name: 'a.b' } }, ['metadata.name: Invalid value: "a.b": must not contain dots']],
    ['service DNS-1035', 'v1', 'Service', { metadata: meta('1web'), spec: { ports: [{ port: 80 }] } }, [`metadata.name: Invalid value: "1web": ${DNS1035}`]],
    ['namespace required', 'v1', 'ConfigMap', { metadata: { name: 'x' } }, ['metadata.namespace: Required value']],
    ['namespace forbidden on cluster kinds', 'v1', 'Node', { metadata: { name: 'n', namespace: 'default' } }, ['metadata.namespace: Forbidden: not allowed on this type']],
    ['label value too long', 'v1', 'ConfigMap', { metadata: meta('x', { labels: { a: 'v'.repeat(64) } }) }, [`metadata.labels: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`]],
    ['label value charset', 'v1', 'ConfigMap', { metadata: meta('x', { labels: { a: '-x' } }) }, [`metadata.labels: Invalid value: "-x": ${LABEL_VALUE}`]],
    ['label key prefix', 'v1', 'ConfigMap', { metadata: meta('x', { labels: { 'Ex.com/a': 'b' } }) }, [`metadata.labels: Invalid value: "Ex.com/a": prefix part ${SUBDOMAIN}`]],
    ['label key name part', 'v1', 'ConfigMap', { metadata: meta('x', { labels: { 'a/': 'b' } }) }, ['metadata.labels: Invalid value: "a/": name part must be non-empty', `metadata.labels: Invalid value: "a/": ${NAME_PART}`]],
    ['annotations size', 'v1', 'ConfigMap', { metadata: meta('x', { annotations: { a: 'x'.repeat(262144) } }) }, ['metadata.annotations: Too long: may not be more than 262144 bytes']],
    ['finalizer not qualified', 'v1', 'ConfigMap', { metadata: meta('x', { finalizers: ['foo'] }) }, ['metadata.finalizers[0]: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified']],
    ['ownerReference fields', 'v1', 'ConfigMap', { metadata: meta('x', { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: '' }] }) }, ['metadata.ownerReferences.uid: Invalid value: "": must not be empty']],
  ];
  it.each(cases)('%s', (_n, av, kind, o, want) => {
    expect(create(av, kind, o)).toEqual(want);
  });

  it('only one controller owner (bad value is a Go struct dump upstream, so only the detail is checked)', () => {
    const refs = [
      { apiVersion: 'v1', kind: 'Pod', name: 'a', uid: '1', controller: true },
      { apiVersion: 'v1', kind: 'Pod', name: 'b', uid: '2', controller: true },
    ];
    const errs = create('v1', 'ConfigMap', { metadata: meta('x', { ownerReferences: refs }) });
    expect(errs.map((e) => e.replace(/Invalid value: .*: Only/, 'Invalid value: …: Only'))).toEqual([
      'metadata.ownerReferences: Invalid value: …: Only one reference can have Controller set to true. Found "true" in references for Pod/a and Pod/b',
    ]);
  });

  it('immutable metadata on update', () => {
    const old = { metadata: { ...meta('x'), uid: 'u1', resourceVersion: '5', creationTimestamp: '2024-01-01T00:00:00Z' } };
    const nu = { metadata: { ...meta('y'), uid: 'u2', resourceVersion: '5', creationTimestamp: '2024-01-02T00:00:00Z' } };
    expect(update('v1', 'ConfigMap', nu, old)).toEqual([
      'metadata.name: Invalid value: "y": field is immutable',
      'metadata.uid: Invalid value: "u2": field is immutable',
      'metadata.creationTimestamp: Invalid value: "2024-01-02T00:00:00Z": field is immutable',
    ]);
  });

  it('resourceVersion required on update', () => {
    expect(update('v1', 'ConfigMap', { metadata: meta('x') }, { metadata: { ...meta('x'), resourceVersion: '3' } })).toEqual([
      'metadata.resourceVersion: Invalid value: "": must be specified for an update',
    ]);
  });
});

describe('Pod', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['containers required', { containers: [] }, ['spec.containers: Required value']],
    ['image required', { containers: [{ name: 'c' }] }, ['spec.containers[0].image: Required value']],
    ['container name label', { containers: [ctr({ name: 'Web' })] }, [`spec.containers[0].name: Invalid value: "Web": ${LABEL}`]],
    ['duplicate container name', { containers: [ctr(), ctr()] }, ['spec.containers[1].name: Duplicate value: "c"']],
    ['containerPort range', { containers: [ctr({ ports: [{ containerPort: 70000 }] })] }, ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    ['containerPort required', { containers: [ctr({ ports: [{ name: 'http' }] })] }, ['spec.containers[0].ports[0].containerPort: Required value']],
    ['protocol', { containers: [ctr({ ports: [{ containerPort: 80, protocol: 'HTTP' }] })] }, ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"']],
    [
      'duplicate port name',
      { containers: [ctr({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] })] },
      ['spec.containers[0].ports[1].name: Duplicate value: "http"'],
    ],
    ['port name format', { containers: [ctr({ ports: [{ name: 'a--b', containerPort: 80 }] })] }, ['spec.containers[0].ports[0].name: Invalid value: "a--b": must not contain consecutive hyphens']],
    [
      'duplicate hostPort',
      { containers: [ctr({ ports: [{ containerPort: 80, hostPort: 8080 }] }), ctr({ name: 'd', ports: [{ containerPort: 81, hostPort: 8080 }] })] },
      ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    ],
    ['env name', { containers: [ctr({ env: [{ name: 'A=B', value: 'x' }] })] }, ["spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"]],
    ['env valueFrom empty', { containers: [ctr({ env: [{ name: 'A', valueFrom: {} }] })] }, ['spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`']],
    [
      'requests above limits',
      { containers: [ctr({ resources: { limits: { cpu: '500m' }, requests: { cpu: '1' } } })] },
      ['spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m'],
    ],
    [
      'negative quantity',
      { containers: [ctr({ resources: { requests: { memory: '-1Mi' } } })] },
      ['spec.containers[0].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0'],
    ],
    [
      'bad quantity',
      { containers: [ctr({ resources: { requests: { cpu: 'lots' } } })] },
      ["spec.containers[0].resources.requests[cpu]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ],
    [
      'non-standard resource',
      { containers: [ctr({ resources: { limits: { gpu: '1' } } })] },
      // limits are copied into requests by defaulting, so both report it, as upstream does
      [
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      ],
    ],
    ['volumeMount not found', { containers: [ctr({ volumeMounts: [{ name: 'x', mountPath: '/x' }] })] }, ['spec.containers[0].volumeMounts[0].name: Not found: "x"']],
    [
      'duplicate volume',
      { volumes: [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }], containers: [ctr()] },
      ['spec.volumes[1].name: Duplicate value: "v"'],
    ],
    [
      'two volume sources',
      { volumes: [{ name: 'v', emptyDir: {}, configMap: { name: 'c' } }], containers: [ctr()] },
      ['spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type'],
    ],
    ['restartPolicy', { restartPolicy: 'Sometimes', containers: [ctr()] }, ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']],
    ['dnsPolicy', { dnsPolicy: 'Google', containers: [ctr()] }, ['spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"']],
    ['probe handler', { containers: [ctr({ livenessProbe: {} })] }, ['spec.containers[0].livenessProbe: Required value: must specify a handler type']],
    ['liveness successThreshold', { containers: [ctr({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } })] }, ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1']],
    ['nodeSelector value', { nodeSelector: { disk: 'a b' }, containers: [ctr()] }, [`spec.nodeSelector: Invalid value: "a b": ${LABEL_VALUE}`]],
    [
      'toleration Exists with value',
      { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }], containers: [ctr()] },
      ["spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"],
    ],
    [
      'toleration effect',
      { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoWay' }], containers: [ctr()] },
      ['spec.tolerations[0].effect: Unsupported value: "NoWay": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
    ],
    [
      'affinity terms',
      { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }, containers: [ctr()] },
      ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term'],
    ],
    ['grace period', { terminationGracePeriodSeconds: null, containers: [ctr()] }, []],
    ['initContainers name clash', { initContainers: [ctr()], containers: [ctr()] }, ['spec.initContainers[0].name: Duplicate value: "c"']],
    ['init probe forbidden', { initContainers: [ctr({ name: 'i', readinessProbe: { tcpSocket: { port: 1 } } })], containers: [ctr()] }, ['spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always']],
  ];
  it.each(cases)('%s', (_n, spec, want) => {
    expect(create('v1', 'Pod', pod(spec))).toEqual(want);
  });

  it('negative terminationGracePeriodSeconds is allowed (upstream keeps it for compatibility)', () => {
    expect(create('v1', 'Pod', pod({ terminationGracePeriodSeconds: -1, containers: [ctr()] }))).toEqual([]);
  });

  const base = { metadata: { ...meta('p'), resourceVersion: '1' }, spec: { containers: [ctr({ imagePullPolicy: 'Always' })] } };
  it('image update allowed', () => {
    expect(update('v1', 'Pod', { ...base, spec: { containers: [ctr({ image: 'nginx:2', imagePullPolicy: 'Always' })] } }, base)).toEqual([]);
  });
  it('activeDeadlineSeconds may only shrink', () => {
    const old = { ...base, spec: { ...base.spec, activeDeadlineSeconds: 10 } };
    expect(update('v1', 'Pod', { ...base, spec: { ...base.spec, activeDeadlineSeconds: 20 } }, old)).toEqual([
      'spec.activeDeadlineSeconds: Invalid value: 20: must be less than or equal to previous value',
    ]);
  });
  it('other spec changes forbidden', () => {
    const errs = update('v1', 'Pod', { ...base, spec: { containers: [ctr()], restartPolicy: 'Never' } }, base);
    expect(errs).toHaveLength(1);
    expect(errs[0].split('\n')[0]).toBe(
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
  });
  it('containers may not be added', () => {
    expect(update('v1', 'Pod', { ...base, spec: { containers: [ctr(), ctr({ name: 'd' })] } }, base)).toEqual([
      'spec.containers: Forbidden: pod updates may not add or remove containers',
    ]);
  });
  it('status update may not move the pod', () => {
    const r = info('v1', 'Pod');
    const old = { ...base, spec: { ...base.spec, nodeName: 'a' } } as unknown as KubeObject;
    const nu = { ...base, spec: { ...base.spec, nodeName: 'b' } } as unknown as KubeObject;
    expect(validateStatusUpdate(r, nu, old).map(formatFieldError)).toEqual(['status.nodeName: Forbidden: may not be changed directly']);
  });
});

const tmpl = (labels: Record<string, string>, spec: Record<string, unknown> = {}) => ({ metadata: { labels }, spec: { containers: [ctr()], ...spec } });

describe('workloads', () => {
  const cases: [string, string, string, Record<string, unknown>, string[]][] = [
    ['valid deployment', 'apps/v1', 'Deployment', { metadata: meta('d'), spec: { selector: { matchLabels: { app: 'x' } }, template: tmpl({ app: 'x' }) } }, []],
    [
      'no selector',
      'apps/v1',
      'Deployment',
      { metadata: meta('d'), spec: { template: tmpl({ app: 'x' }) } },
      ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`'],
    ],
    ['negative replicas', 'apps/v1', 'ReplicaSet', { metadata: meta('r'), spec: { replicas: -1, selector: { matchLabels: { app: 'x' } }, template: tmpl({ app: 'x' }) } }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    [
      'both zero',
      'apps/v1',
      'Deployment',
      { metadata: meta('d'), spec: { selector: { matchLabels: { app: 'x' } }, template: tmpl({ app: 'x' }), strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } } },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'],
    ],
    [
      'bad percent',
      'apps/v1',
      'Deployment',
      { metadata: meta('d'), spec: { selector: { matchLabels: { app: 'x' } }, template: tmpl({ app: 'x' }), strategy: { rollingUpdate: { maxSurge: '10', maxUnavailable: 1 } } } },
      ["spec.strategy.rollingUpdate.maxSurge: Invalid value: \"10\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%', or '93%', regex used for validation is '[0-9]+%')"],
    ],
    [
      'restartPolicy in deployment',
      'apps/v1',
      'Deployment',
      { metadata: meta('d'), spec: { selector: { matchLabels: { app: 'x' } }, template: tmpl({ app: 'x' }, { restartPolicy: 'Never' }) } },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'template pod spec path',
      'apps/v1',
      'DaemonSet',
      { metadata: meta('d'), spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c' }] } } } },
      ['spec.template.spec.containers[0].image: Required value'],
    ],
    ['statefulset ok', 'apps/v1', 'StatefulSet', { metadata: meta('s'), spec: { serviceName: 's', selector: { matchLabels: { app: 'x' } }, template: tmpl({ app: 'x' }) } }, []],
    ['rc defaults selector', 'v1', 'ReplicationController', { metadata: meta('r'), spec: { template: tmpl({ app: 'x' }) } }, []],
    ['job ok', 'batch/v1', 'Job', { metadata: meta('j'), spec: { template: tmpl({}, { restartPolicy: 'Never' }) } }, []],
    [
      'job restartPolicy',
      'batch/v1',
      'Job',
      { metadata: meta('j'), spec: { template: tmpl({}) } },
      ['spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"'],
    ],
    ['job completions', 'batch/v1', 'Job', { metadata: meta('j'), spec: { completions: -1, template: tmpl({}, { restartPolicy: 'Never' }) } }, ['spec.completions: Invalid value: -1: must be greater than or equal to 0']],
    [
      'cronjob schedule',
      'batch/v1',
      'CronJob',
      { metadata: meta('c'), spec: { schedule: '* * *', jobTemplate: { spec: { template: tmpl({}, { restartPolicy: 'OnFailure' }) } } } },
      ['spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]'],
    ],
    ['cronjob macro', 'batch/v1', 'CronJob', { metadata: meta('c'), spec: { schedule: '@hourly', jobTemplate: { spec: { template: tmpl({}, { restartPolicy: 'OnFailure' }) } } } }, []],
  ];
  it.each(cases)('%s', (_n, av, kind, o, want) => {
    expect(create(av, kind, o)).toEqual(want);
  });

  it('deployment selector is immutable', () => {
    const d = (app: string) => ({ metadata: { ...meta('d'), resourceVersion: '1' }, spec: { selector: { matchLabels: { app } }, template: tmpl({ app: 'x', other: 'y' }) } });
    const errs = update('apps/v1', 'Deployment', { ...d('y'), spec: { ...d('y').spec, template: tmpl({ app: 'y' }) } }, d('x'));
    expect(errs.map((e) => e.replace(/Invalid value: .*: field/, 'Invalid value: …: field'))).toEqual(['spec.selector: Invalid value: …: field is immutable']);
  });
});

describe('cron parser', () => {
  it.each([
    ['*/5 * * * *', null],
    ['0 0 1 jan mon', null],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['@often', 'unrecognized descriptor: @often'],
    ['', 'empty spec string'],
  ])('%s', (s, want) => {
    expect(cronParseError(s)).toBe(want);
  });
});

describe('Service', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['ok', { ports: [{ port: 80 }] }, []],
    ['ports required', {}, ['spec.ports: Required value']],
    ['headless without ports', { clusterIP: 'None' }, []],
    ['port range', { ports: [{ port: 0, targetPort: 80 }] }, ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive']],
    ['names required', { ports: [{ port: 80 }, { port: 81 }] }, ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']],
    ['names unique', { ports: [{ name: 'a', port: 80 }, { name: 'a', port: 81 }] }, ['spec.ports[1].name: Duplicate value: "a"']],
    ['type', { type: 'Public', ports: [{ port: 80 }] }, ['spec.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']],
    ['nodePort range', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }, ['spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767']],
    ['nodePort on ClusterIP', { ports: [{ port: 80, nodePort: 30080 }] }, ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]],
    ['selector', { selector: { app: 'a b' }, ports: [{ port: 80 }] }, [`spec.selector: Invalid value: "a b": ${LABEL_VALUE}`]],
  ];
  it.each(cases)('%s', (_n, spec, want) => {
    expect(create('v1', 'Service', { metadata: meta('s'), spec })).toEqual(want);
  });

  it('clusterIP may not change', () => {
    const s = (ip: string) => ({ metadata: { ...meta('s'), resourceVersion: '1' }, spec: { clusterIP: ip, clusterIPs: [ip], ports: [{ port: 80 }] } });
    expect(update('v1', 'Service', s('10.96.0.9'), s('10.96.0.8'))).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.0.9"}: may not change once set']);
  });
});

describe('other kinds', () => {
  const cases: [string, string, string, Record<string, unknown>, string[]][] = [
    ['configmap key', 'v1', 'ConfigMap', { metadata: meta('c'), data: { 'a b': 'x' } }, [`data[a b]: Invalid value: "a b": ${CONFIG_KEY}`]],
    ['configmap size', 'v1', 'ConfigMap', { metadata: meta('c'), data: { a: 'x'.repeat(1024 * 1024 + 1) } }, [': Too long: may not be more than 1048576 bytes']],
    ['secret key', 'v1', 'Secret', { metadata: meta('s'), data: { '..': 'eA==' } }, ["data[..]: Invalid value: \"..\": must not be '..'"]],
    ['tls secret', 'v1', 'Secret', { metadata: meta('s'), type: 'kubernetes.io/tls', data: {} }, ['data[tls.crt]: Required value', 'data[tls.key]: Required value']],
    [
      'node taint effect',
      'v1',
      'Node',
      { metadata: { name: 'n' }, spec: { taints: [{ key: 'k', effect: 'Never' }] } },
      ['metadata.taints[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"'],
    ],
    ['node podCIDR', 'v1', 'Node', { metadata: { name: 'n' }, spec: { podCIDRs: ['10.0.0.0'] } }, ['spec.podCIDRs[0]: Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']],
    ['event namespace', 'v1', 'Event', { metadata: meta('e'), involvedObject: { kind: 'Pod', name: 'p', namespace: 'other' } }, ['involvedObject.namespace: Invalid value: "other": does not match event.namespace']],
    ['lease duration', 'coordination.k8s.io/v1', 'Lease', { metadata: meta('l'), spec: { leaseDurationSeconds: 0 } }, ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']],
    [
      'pvc',
      'v1',
      'PersistentVolumeClaim',
      { metadata: meta('c'), spec: {} },
      ['spec.accessModes: Required value: at least 1 access mode is required', 'spec.resources[storage]: Required value'],
    ],
    [
      'pv access mode',
      'v1',
      'PersistentVolume',
      { metadata: { name: 'pv' }, spec: { accessModes: ['ReadWriteAlways'], capacity: { storage: '1Gi' }, hostPath: { path: '/x' } } },
      ['spec.accessModes: Unsupported value: "ReadWriteAlways": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"'],
    ],
    ['quota resource', 'v1', 'ResourceQuota', { metadata: meta('q'), spec: { hard: { pods: '1.5' } } }, ['spec.hard[pods]: Invalid value: "1500m": must be an integer']],
    [
      'limitrange min > max',
      'v1',
      'LimitRange',
      { metadata: meta('l'), spec: { limits: [{ type: 'Pod', min: { cpu: '2' }, max: { cpu: '1' } }] } },
      ['spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1'],
    ],
    ['priorityclass value', 'scheduling.k8s.io/v1', 'PriorityClass', { metadata: { name: 'high' }, value: 2000000000 }, ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']],
    ['role verbs', 'rbac.authorization.k8s.io/v1', 'Role', { metadata: meta('r'), rules: [{ apiGroups: [''], resources: ['pods'] }] }, ['rules[0].verbs: Required value: verbs must contain at least one value']],
    ['serviceaccount', 'v1', 'ServiceAccount', { metadata: meta('Bad') }, [`metadata.name: Invalid value: "Bad": ${SUBDOMAIN}`]],
    ['hpa bounds', 'autoscaling/v2', 'HorizontalPodAutoscaler', { metadata: meta('h'), spec: { scaleTargetRef: { kind: 'Deployment', name: 'd' }, minReplicas: 3, maxReplicas: 2 } }, ['spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`']],
  ];
  it.each(cases)('%s', (_n, av, kind, o, want) => {
    expect(create(av, kind, o)).toEqual(want);
  });
});

describe('StorageClass update', () => {
  const sc = (extra: Record<string, unknown>) => ({ metadata: { name: 'standard', resourceVersion: '1' }, provisioner: 'rancher.io/local-path', ...extra });
  const old = sc({ reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' });
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['annotations and allowVolumeExpansion may change', sc({ volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true }), []],
    [
      // the docs' storageclass-topology.yaml applied over kind's built-in "standard" class
      'provisioner, parameters and volumeBindingMode',
      sc({ provisioner: 'example.com/example', parameters: { type: 'pd-standard' } }),
      [
        'parameters: Forbidden: updates to parameters are forbidden.',
        'provisioner: Forbidden: updates to provisioner are forbidden.',
        'volumeBindingMode: Invalid value: "Immediate": field is immutable',
      ],
    ],
    ['reclaimPolicy', sc({ reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' }), ['reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.']],
    [
      'create rules still apply',
      sc({ provisioner: '', volumeBindingMode: 'WaitForFirstConsumer' }),
      ['provisioner: Required value', 'provisioner: Forbidden: updates to provisioner are forbidden.'],
    ],
  ];
  it.each(cases)('%s', (_n, o, want) => {
    expect(update('storage.k8s.io/v1', 'StorageClass', o, old)).toEqual(want);
  });
});
