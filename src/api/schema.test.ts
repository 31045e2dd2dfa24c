import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  base64Error,
  checkTypes,
  definitionFor,
  definitionName,
  findUnknownFields,
  goTypeName,
  lookupField,
  quantityParseError,
  strictDecodingError,
  strictDecodingMessage,
  timeParseError,
  unknownFieldWarnings,
} from './schema';

const P = 'Pod in version "v1" cannot be handled as a Pod: ';
const D = 'Deployment in version "v1" cannot be handled as a Deployment: ';

function pod(spec: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec, ...extra };
}
function ctr(fields: Record<string, unknown>): Record<string, unknown> {
  return { name: 'c', image: 'nginx', ...fields };
}

describe('definitions and lookup', () => {
  it('maps apiVersion/kind to definitions', () => {
    expect(definitionName('v1', 'Pod')).toBe('io.k8s.api.core.v1.Pod');
    expect(definitionName('apps/v1', 'Deployment')).toBe('io.k8s.api.apps.v1.Deployment');
    expect(definitionName('networking.k8s.io/v1', 'Ingress')).toBe('io.k8s.api.networking.v1.Ingress');
    expect(definitionName('batch/v1beta1', 'CronJob')).toBeUndefined();
    expect(definitionFor('v1', 'Pod')?.['x-go-type']).toBe('v1.Pod');
  });

  it('looks fields up through arrays, with descriptions', () => {
    const port = lookupField('v1', 'Pod', ['spec', 'containers', 'ports', 'containerPort']);
    expect(port?.type).toBe('integer');
    expect(port?.format).toBe('int32');
    expect(port?.description).toMatch(/^Number of port to expose on the pod's IP address/);
    expect(lookupField('v1', 'Pod', ['spec', 'containers'])?.type).toBe('array');
    expect(lookupField('v1', 'Pod', ['metadata', 'labels'])?.additionalProperties?.type).toBe('string');
    expect(lookupField('v1', 'Pod', ['spec', 'nope'])).toBeUndefined();
    expect(lookupField('v1', 'Pod', ['spec', 'terminationGracePeriodSeconds'])?.format).toBe('int64');
    // v1.34 overlay field
    expect(lookupField('v1', 'Pod', ['spec', 'resources', 'limits'])?.['x-go-type']).toBe('v1.ResourceList');
    expect(lookupField('v1', 'Pod', ['spec', 'volumes', 'image', 'reference'])?.type).toBe('string');
  });

  it('renders Go type names', () => {
    const cases: [string[], string][] = [
      [['spec', 'containers'], '[]v1.Container'],
      [['spec', 'containers', 'ports', 'containerPort'], 'int32'],
      [['spec', 'activeDeadlineSeconds'], 'int64'],
      [['spec', 'hostNetwork'], 'bool'],
      [['spec', 'nodeSelector'], 'map[string]string'],
      [['spec', 'restartPolicy'], 'v1.RestartPolicy'],
      [['spec', 'containers', 'resources', 'limits'], 'v1.ResourceList'],
      [['spec', 'containers', 'securityContext', 'capabilities', 'add'], '[]v1.Capability'],
      [['spec', 'containers', 'ports', 'protocol'], 'v1.Protocol'],
      [['metadata'], 'v1.ObjectMeta'],
      [['metadata', 'creationTimestamp'], 'v1.Time'],
      [['spec', 'containers', 'livenessProbe', 'httpGet', 'port'], 'intstr.IntOrString'],
    ];
    for (const [path, want] of cases)
      expect(goTypeName(lookupField('v1', 'Pod', path)!), path.join('.')).toBe(want);
    expect(goTypeName(lookupField('v1', 'Secret', ['data'])!)).toBe('map[string][]uint8');
  });
});

describe('checkTypes', () => {
  const cases: [string, string, string, unknown, string | null][] = [
    ['valid pod', 'v1', 'Pod', pod({ containers: [ctr({ ports: [{ containerPort: 80 }] })] }), null],
    [
      'string for int32 in a list item',
      'v1',
      'Pod',
      pod({ containers: [ctr({ ports: [{ containerPort: '80' }] })] }),
      P +
        'json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    ],
    [
      'number for string',
      'v1',
      'Pod',
      pod({ containers: [ctr({ image: 5 })] }),
      P + 'json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string',
    ],
    [
      'number for a string map value',
      'v1',
      'Pod',
      pod({ containers: [ctr({})] }, { metadata: { name: 'p', labels: { version: 1.5 } } }),
      P + 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ],
    [
      'object for array',
      'v1',
      'Pod',
      pod({ containers: { name: 'c' } }),
      P + 'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container',
    ],
    [
      'string for []string',
      'v1',
      'Pod',
      pod({ containers: [ctr({ command: 'sleep 5' })] }),
      P +
        'json: cannot unmarshal string into Go struct field Container.spec.containers.command of type []string',
    ],
    [
      'array for map',
      'v1',
      'Pod',
      pod({ containers: [ctr({})], nodeSelector: ['a'] }),
      P +
        'json: cannot unmarshal array into Go struct field PodSpec.spec.nodeSelector of type map[string]string',
    ],
    [
      'string for list element struct',
      'v1',
      'Pod',
      pod({ containers: ['nginx'] }),
      P + 'json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container',
    ],
    [
      'string for struct',
      'v1',
      'Pod',
      { apiVersion: 'v1', kind: 'Pod', spec: 'x' },
      P + 'json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec',
    ],
    [
      'fraction for int32',
      'apps/v1',
      'Deployment',
      { spec: { replicas: 1.5 } },
      D + 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      'int32 overflow',
      'apps/v1',
      'Deployment',
      { spec: { replicas: 3000000000 } },
      D +
        'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    ['int64 holds it', 'v1', 'Pod', pod({ activeDeadlineSeconds: 3000000000 }), null],
    [
      'bool for named string type',
      'v1',
      'Pod',
      pod({ restartPolicy: true }),
      P +
        'json: cannot unmarshal bool into Go struct field PodSpec.spec.restartPolicy of type v1.RestartPolicy',
    ],
    [
      'string for bool, deep in a template',
      'apps/v1',
      'Deployment',
      { spec: { template: { spec: { containers: [ctr({ securityContext: { privileged: 'yes' } })] } } } },
      D +
        'json: cannot unmarshal string into Go struct field SecurityContext.spec.template.spec.containers.securityContext.privileged of type bool',
    ],
    [
      'inline-embedded structs appear in the path',
      'v1',
      'Pod',
      pod({ volumes: [{ name: 'v', configMap: { name: 'cm', defaultMode: '0644' } }] }),
      P +
        'json: cannot unmarshal string into Go struct field ConfigMapVolumeSource.spec.volumes.VolumeSource.configMap.defaultMode of type int32',
    ],
    [
      'embedded LocalObjectReference',
      'v1',
      'Pod',
      pod({
        containers: [ctr({ env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 1, key: 'k' } } }] })],
      }),
      P +
        'json: cannot unmarshal number into Go struct field SecretKeySelector.spec.containers.env.valueFrom.secretKeyRef.LocalObjectReference.name of type string',
    ],
    [
      'first error in document order wins',
      'v1',
      'Pod',
      pod({ containers: [ctr({ image: 1, ports: [{ containerPort: 'x' }] })] }),
      P + 'json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string',
    ],
    [
      'a failing UnmarshalJSON stops decoding and wins over an earlier type error',
      'v1',
      'Pod',
      pod({
        containers: [ctr({ image: 1, livenessProbe: { httpGet: { port: true } } })],
      }),
      P +
        'json: cannot unmarshal bool into Go struct field HTTPGetAction.spec.containers.livenessProbe.ProbeHandler.httpGet.port of type int32',
    ],
    [
      'IntOrString accepts int',
      'v1',
      'Pod',
      pod({ containers: [ctr({ livenessProbe: { httpGet: { port: 8080 } } })] }),
      null,
    ],
    [
      'IntOrString accepts string',
      'v1',
      'Pod',
      pod({ containers: [ctr({ livenessProbe: { httpGet: { port: 'http' } } })] }),
      null,
    ],
    [
      'IntOrString rejects a fraction',
      'v1',
      'Service',
      { spec: { ports: [{ port: 80, targetPort: 80.5 }] } },
      'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal number 80.5 into Go struct field ServicePort.spec.ports.targetPort of type int32',
    ],
    [
      'Quantity accepts numbers and strings',
      'v1',
      'Pod',
      pod({
        containers: [
          ctr({
            resources: { limits: { cpu: 0.5, memory: '128Mi' }, requests: { cpu: '250m', memory: 1e9 } },
          }),
        ],
      }),
      null,
    ],
    [
      'Quantity rejects a malformed string',
      'v1',
      'Pod',
      pod({ containers: [ctr({ resources: { limits: { memory: 'lots' } } })] }),
      P + "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    [
      'Quantity rejects an unknown suffix',
      'v1',
      'Pod',
      pod({ containers: [ctr({ resources: { limits: { memory: '512mi' } } })] }),
      P + "unable to parse quantity's suffix",
    ],
    [
      'Quantity rejects a bool',
      'v1',
      'Pod',
      pod({ containers: [ctr({ resources: { limits: { memory: true } } })] }),
      P + "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    [
      'ResourceList given as a list',
      'v1',
      'Pod',
      pod({ containers: [ctr({ resources: { limits: ['cpu'] } })] }),
      P +
        'json: cannot unmarshal array into Go struct field ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList',
    ],
    [
      'Time must be a string',
      'v1',
      'Pod',
      { metadata: { creationTimestamp: 5 } },
      P +
        'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string',
    ],
    [
      'Time must be RFC 3339',
      'v1',
      'Pod',
      { metadata: { creationTimestamp: 'yesterday' } },
      P + 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
    ],
    ['Time accepts RFC 3339', 'v1', 'Pod', { metadata: { creationTimestamp: '2024-05-01T10:00:00Z' } }, null],
    [
      'Secret data must be base64',
      'v1',
      'Secret',
      { data: { password: 'not base64!' } },
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    ],
    [
      'Secret data must be strings',
      'v1',
      'Secret',
      { data: { n: 5 } },
      'Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal number into Go struct field Secret.data of type []uint8',
    ],
    ['null is accepted anywhere', 'v1', 'Pod', pod({ containers: null, nodeSelector: null }), null],
    ['unknown fields are not type errors', 'v1', 'Pod', pod({ bogus: { x: 1 } }), null],
    [
      'RawExtension takes any JSON',
      'apps/v1',
      'ControllerRevision',
      { revision: 1, data: { anything: [1, 'x'] } },
      null,
    ],
    [
      'int64 revision rejects a string',
      'apps/v1',
      'ControllerRevision',
      { revision: '1' },
      'ControllerRevision in version "v1" cannot be handled as a ControllerRevision: json: cannot unmarshal string into Go struct field ControllerRevision.revision of type int64',
    ],
  ];
  for (const [name, apiVersion, kind, obj, want] of cases) {
    it(name, () => expect(checkTypes(apiVersion, kind, obj)).toBe(want));
  }

  it('throws for kinds without a schema', () => {
    expect(() => checkTypes('v1', 'Nope', {})).toThrow('schema: no definition for v1/Nope');
  });
});

describe('findUnknownFields and strict messages', () => {
  const cases: [string, string, string, unknown, string[]][] = [
    ['none', 'v1', 'Pod', pod({ containers: [ctr({})] }), []],
    [
      'in a list item',
      'v1',
      'Pod',
      pod({ containers: [ctr({}), ctr({ imagee: 'x' })] }),
      ['spec.containers[1].imagee'],
    ],
    ['top level and metadata', 'v1', 'Pod', { foo: 1, metadata: { labelz: {} } }, ['foo', 'metadata.labelz']],
    [
      'document order, nested lists',
      'v1',
      'Service',
      {
        spec: { ports: [{ port: 80, nodeport: 30000 }], selectr: {} },
        status: { loadBalancer: { ingress: [{ ipp: 'x' }] } },
      },
      ['spec.ports[0].nodeport', 'spec.selectr', 'status.loadBalancer.ingress[0].ipp'],
    ],
    [
      'case matters',
      'apps/v1',
      'Deployment',
      { spec: { Replicas: 3, template: { spec: { containers: [ctr({ Image: 'x' })] } } } },
      ['spec.Replicas', 'spec.template.spec.containers[0].Image'],
    ],
    [
      'inside maps of objects (keys as .key)',
      'v1',
      'Pod',
      pod({ containers: [ctr({ resources: { limits: { cpu: '1' }, claim: [] } })], overhead: { cpu: '1' } }),
      ['spec.containers[0].resources.claim'],
    ],
    [
      'inside objects under embedded structs',
      'v1',
      'Pod',
      pod({
        volumes: [
          { name: 'v', configMap: { nam: 'x' } },
          { name: 'w', emptyDir: {}, hostpath: {} },
        ],
      }),
      ['spec.volumes[0].configMap.nam', 'spec.volumes[1].hostpath'],
    ],
    [
      'not under a wrongly typed value',
      'v1',
      'Pod',
      pod({ containers: 'x', securityContext: [{ bogus: 1 }] }),
      [],
    ],
    ['not inside RawExtension', 'apps/v1', 'ControllerRevision', { data: { whatever: { deep: 1 } } }, []],
    [
      'ingress backend',
      'networking.k8s.io/v1',
      'Ingress',
      {
        spec: {
          tls: [{ secretNmae: 'x' }],
          rules: [{ http: { paths: [{ path: '/', backend: { serviceName: 'a' } }] } }],
        },
      },
      ['spec.tls[0].secretNmae', 'spec.rules[0].http.paths[0].backend.serviceName'],
    ],
  ];
  for (const [name, apiVersion, kind, obj, want] of cases) {
    it(name, () => expect(findUnknownFields(apiVersion, kind, obj)).toEqual(want));
  }

  it('map values are walked: no served kind has a map of structs, so an object under a string map is a type error, not unknown fields', () => {
    expect(findUnknownFields('v1', 'Pod', { metadata: { annotations: { a: { b: 1 } } } })).toEqual([]);
    expect(checkTypes('v1', 'Pod', { metadata: { annotations: { a: { b: 1 } } } })).toBe(
      P + 'json: cannot unmarshal object into Go struct field ObjectMeta.metadata.annotations of type string',
    );
  });

  it('caps at 100 errors and dedupes', () => {
    const spec: Record<string, number> = {};
    for (let i = 0; i < 150; i++) spec[`f${i}`] = i;
    const got = findUnknownFields('v1', 'Pod', { spec, metadata: { labelz: 1 } });
    expect(got.length).toBe(100);
    expect(got[99]).toBe('spec.f99');
  });

  it('formats the strict decoding error as the apiserver does', () => {
    expect(
      strictDecodingMessage('apps/v1', 'Deployment', ['spec.strategy.rollingUpdate.maxUnaivailable']),
    ).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.strategy.rollingUpdate.maxUnaivailable"',
    );
    expect(strictDecodingError(['a', 'spec.b'], ['metadata.name'])).toBe(
      'strict decoding error: unknown field "a", unknown field "spec.b", duplicate field "metadata.name"',
    );
    expect(unknownFieldWarnings(['spec.x'])).toEqual(['unknown field "spec.x"']);
  });
});

describe('parsers of the custom unmarshalers', () => {
  it('quantities', () => {
    const ok = ['1', '0.5', '.5', '5.', '250m', '1Gi', '1e3', '1E-3', '+1k', '-2M', '100Mi', '1.5Ki'];
    for (const q of ok) expect(quantityParseError(q), q).toBeNull();
    expect(quantityParseError('')).toMatch(/^quantities must match/);
    expect(quantityParseError('abc')).toMatch(/^quantities must match/);
    expect(quantityParseError('1Gb')).toMatch(/^quantities must match/);
    expect(quantityParseError('1KiB')).toMatch(/^quantities must match/);
    expect(quantityParseError('1 Gi')).toMatch(/^quantities must match/);
    expect(quantityParseError('512mi')).toBe("unable to parse quantity's suffix");
    expect(quantityParseError('1e')).toBe("unable to parse quantity's suffix");
    expect(quantityParseError('1Gi5')).toBe("unable to parse quantity's suffix");
    expect(quantityParseError('Mi')).toBeNull(); // upstream quirk: parses as 0
  });

  it('times', () => {
    const L = '2006-01-02T15:04:05Z07:00';
    expect(timeParseError('2024-01-02T03:04:05Z', L)).toBeNull();
    expect(timeParseError('2024-01-02T03:04:05.123+02:00', L)).toBeNull();
    expect(timeParseError('2024-01-02 03:04:05Z', L)).toBe(
      'parsing time "2024-01-02 03:04:05Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 03:04:05Z" as "T"',
    );
    expect(timeParseError('2024-13-02T03:04:05Z', L)).toBe(
      'parsing time "2024-13-02T03:04:05Z": month out of range',
    );
    expect(timeParseError('2023-02-29T03:04:05Z', L)).toBe(
      'parsing time "2023-02-29T03:04:05Z": day out of range',
    );
    expect(timeParseError('2024-01-02T03:04:05', L)).toBe(
      'parsing time "2024-01-02T03:04:05" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"',
    );
    expect(timeParseError('2024-01-02T03:04:05Zx', L)).toBe(
      'parsing time "2024-01-02T03:04:05Zx": extra text: "x"',
    );
  });

  it.each([
    // The fast path's edges: each of these must give the full parser's answer.
    ['2024-02-28T23:59:59Z', null],
    ['2024-02-29T00:00:00Z', null],
    ['2023-02-29T00:00:00Z', 'parsing time "2023-02-29T00:00:00Z": day out of range'],
    ['2024-04-31T00:00:00Z', 'parsing time "2024-04-31T00:00:00Z": day out of range'],
    ['2024-00-10T00:00:00Z', 'parsing time "2024-00-10T00:00:00Z": month out of range'],
    ['2024-01-00T00:00:00Z', 'parsing time "2024-01-00T00:00:00Z": day out of range'],
    ['2024-01-10T24:00:00Z', 'parsing time "2024-01-10T24:00:00Z": hour out of range'],
    ['2024-01-10T00:60:00Z', 'parsing time "2024-01-10T00:60:00Z": minute out of range'],
    ['2024-01-10T00:00:60Z', 'parsing time "2024-01-10T00:00:60Z": second out of range'],
    ['2024-01-10T00:00:00.123456Z', null],
  ])('times: %s', (value, want) => {
    expect(timeParseError(value, '2006-01-02T15:04:05Z07:00')).toBe(want);
  });

  it.each([
    ['2024-01-10T00:00:00.123456Z', null],
    ['2024-01-31T00:00:00.000000Z', null],
    [
      '2024-01-10T00:00:00Z',
      'parsing time "2024-01-10T00:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"',
    ],
    ['2024-01-10T25:00:00.000000Z', 'parsing time "2024-01-10T25:00:00.000000Z": hour out of range'],
  ])('micro times: %s', (value, want) => {
    expect(timeParseError(value, '2006-01-02T15:04:05.000000Z07:00')).toBe(want);
  });

  it('base64', () => {
    expect(base64Error('bXktYXBw')).toBeNull();
    expect(base64Error('YQ==')).toBeNull();
    expect(base64Error('YWI=')).toBeNull();
    expect(base64Error('YQ=')).toBe('illegal base64 data at input byte 3');
    expect(base64Error('YQ')).toBe('illegal base64 data at input byte 0');
    expect(base64Error('Y===')).toBe('illegal base64 data at input byte 1');
    expect(base64Error('YQ==YQ==')).toBe('illegal base64 data at input byte 4');
    expect(base64Error('ab$d')).toBe('illegal base64 data at input byte 2');
  });
});

describe('corpus manifests (kubernetes/website examples) decode cleanly', () => {
  const dir = join(__dirname, '..', '..', 'test', 'fixtures', 'corpus');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  it('has the fixtures', () => expect(files.length).toBeGreaterThanOrEqual(10));
  for (const f of files) {
    it(f, () => {
      const docs = parseAllDocuments(readFileSync(join(dir, f), 'utf8'))
        .map((d) => d.toJSON() as Record<string, unknown> | null)
        .filter((d): d is Record<string, unknown> => d !== null);
      expect(docs.length).toBeGreaterThan(0);
      for (const d of docs) {
        const apiVersion = String(d.apiVersion);
        const kind = String(d.kind);
        expect(definitionFor(apiVersion, kind), `${apiVersion}/${kind}`).toBeDefined();
        expect(checkTypes(apiVersion, kind, d)).toBeNull();
        expect(findUnknownFields(apiVersion, kind, d)).toEqual([]);
      }
    });
  }

  it('a typo in a corpus manifest is caught', () => {
    const text = readFileSync(join(dir, 'pods_probe_http-liveness.yaml'), 'utf8').replace(
      'periodSeconds',
      'periodSecond',
    );
    const d = parseAllDocuments(text)[0].toJSON() as Record<string, unknown>;
    expect(findUnknownFields('v1', 'Pod', d)).toEqual(['spec.containers[0].livenessProbe.periodSecond']);
  });
});
