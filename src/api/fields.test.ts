import { describe, it, expect } from 'vitest';
import {
  parseFieldSelector,
  fieldSelectorToString,
  matchesFields,
  fieldSetFor,
  unsupportedFieldError,
  convertFieldSelector,
  escapeFieldValue,
  unescapeFieldValue,
  requiresExactMatchField,
  isEverythingFields,
  kubectlSelectorErrorMessage,
} from './fields';
import type { KubeObject } from './types';

describe('parseFieldSelector + fieldSelectorToString', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['metadata.name=x', 'metadata.name=x'],
    ['metadata.name==x', 'metadata.name=x'],
    ['spec.nodeName!=,metadata.name=x', 'metadata.name=x,spec.nodeName!='],
    ['a=x\\,y', 'a=x\\,y'],
    ['a=x\\=y', 'a=x\\=y'],
    ['a=x\\\\y', 'a=x\\\\y'],
    ['b=1,,a=2', 'a=2,b=1'],
  ];
  it.each(cases)('%j → %j', (s, want) => expect(fieldSelectorToString(parseFieldSelector(s))).toBe(want));

  it('unescapes values', () => {
    expect(parseFieldSelector('a=x\\,y\\=z\\\\').terms).toEqual([
      { field: 'a', operator: '=', value: 'x,y=z\\' },
    ]);
  });

  const errs: [string, string][] = [
    ['foo', "invalid selector: 'foo'; can't understand 'foo'"],
    ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ];
  it.each(errs)('error for %j', (s, msg) => {
    let got = '';
    try {
      parseFieldSelector(s);
    } catch (e) {
      got = (e as Error).message;
    }
    expect(got).toBe(msg);
  });
});

describe('escaping', () => {
  it('round-trips', () => {
    expect(escapeFieldValue('a,b=c\\d')).toBe('a\\,b\\=c\\\\d');
    expect(unescapeFieldValue('a\\,b\\=c\\\\d')).toBe('a,b=c\\d');
  });
});

describe('matchesFields', () => {
  const set = { 'metadata.name': 'p', 'spec.nodeName': '' };
  const cases: [string, boolean][] = [
    ['', true],
    ['metadata.name=p', true],
    ['metadata.name!=p', false],
    ['spec.nodeName=', true],
    ['spec.nodeName!=', false],
    ['status.phase=', true],
    ['metadata.name=p,spec.nodeName=n1', false],
  ];
  it.each(cases)('%j → %s', (s, want) => expect(matchesFields(parseFieldSelector(s), set)).toBe(want));
  it('helpers', () => {
    expect(isEverythingFields(parseFieldSelector(''))).toBe(true);
    expect(requiresExactMatchField(parseFieldSelector('spec.nodeName=n1,a!=b'), 'spec.nodeName')).toBe('n1');
    expect(requiresExactMatchField(parseFieldSelector('a!=b'), 'a')).toBeUndefined();
  });
});

describe('fieldSetFor', () => {
  it('Pod', () => {
    const pod: KubeObject = {
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        nodeName: 'n1',
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        serviceAccountName: 'default',
        containers: [],
      },
      status: { phase: 'Running', podIPs: [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }], podIP: '10.0.0.5' },
    };
    expect(fieldSetFor('Pod', pod)).toEqual({
      'metadata.name': 'web',
      'metadata.namespace': 'default',
      'spec.nodeName': 'n1',
      'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler',
      'spec.serviceAccountName': 'default',
      'spec.hostNetwork': 'false',
      'status.phase': 'Running',
      'status.podIP': '10.0.0.5',
      'status.nominatedNodeName': '',
    });
  });
  const cases: [string, KubeObject, Record<string, string>][] = [
    [
      'Node',
      { metadata: { name: 'n1' }, spec: { unschedulable: true } },
      { 'metadata.name': 'n1', 'spec.unschedulable': 'true' },
    ],
    [
      'Namespace',
      { metadata: { name: 'x' }, status: { phase: 'Active' } },
      { 'metadata.name': 'x', 'status.phase': 'Active' },
    ],
    [
      'Secret',
      { metadata: { name: 's', namespace: 'd' }, type: 'Opaque' },
      { 'metadata.name': 's', 'metadata.namespace': 'd', type: 'Opaque' },
    ],
    [
      'ReplicaSet',
      { metadata: { name: 'r', namespace: 'd' }, status: { replicas: 3 } },
      { 'metadata.name': 'r', 'metadata.namespace': 'd', 'status.replicas': '3' },
    ],
    [
      'Job',
      { metadata: { name: 'j', namespace: 'd' }, status: { succeeded: 1 } },
      { 'metadata.name': 'j', 'metadata.namespace': 'd', 'status.successful': '1' },
    ],
    [
      'Service',
      { metadata: { name: 's', namespace: 'd' }, spec: { clusterIP: '10.96.0.1', type: 'ClusterIP' } },
      {
        'metadata.name': 's',
        'metadata.namespace': 'd',
        'spec.clusterIP': '10.96.0.1',
        'spec.type': 'ClusterIP',
      },
    ],
    [
      'ConfigMap',
      { metadata: { name: 'c', namespace: 'd' } },
      { 'metadata.name': 'c', 'metadata.namespace': 'd' },
    ],
  ];
  it.each(cases)('%s', (kind, o, want) => expect(fieldSetFor(kind, o)).toEqual(want));

  it('Event (source falls back to reportingComponent)', () => {
    const ev: KubeObject = {
      metadata: { name: 'e', namespace: 'd' },
      involvedObject: {
        kind: 'Pod',
        namespace: 'd',
        name: 'web',
        uid: 'u1',
        apiVersion: 'v1',
        resourceVersion: '7',
        fieldPath: 'spec.containers{c}',
      },
      reason: 'Scheduled',
      reportingComponent: 'default-scheduler',
      source: {},
      type: 'Normal',
    };
    expect(fieldSetFor('Event', ev)).toEqual({
      'metadata.name': 'e',
      'metadata.namespace': 'd',
      'involvedObject.kind': 'Pod',
      'involvedObject.namespace': 'd',
      'involvedObject.name': 'web',
      'involvedObject.uid': 'u1',
      'involvedObject.apiVersion': 'v1',
      'involvedObject.resourceVersion': '7',
      'involvedObject.fieldPath': 'spec.containers{c}',
      reason: 'Scheduled',
      reportingComponent: 'default-scheduler',
      source: 'default-scheduler',
      type: 'Normal',
    });
  });
});

describe('field label conversion', () => {
  it('unsupported labels', () => {
    expect(unsupportedFieldError('Pod', 'foo').message).toBe('field label not supported: foo');
    expect(unsupportedFieldError('ConfigMap', 'data.x').message).toBe(
      '"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"',
    );
    expect(() => convertFieldSelector('Pod', parseFieldSelector('foo=bar'))).toThrow(
      'field label not supported: foo',
    );
    expect(() => convertFieldSelector('Node', parseFieldSelector('metadata.namespace=x'))).toThrow(
      'field label not supported: metadata.namespace',
    );
  });
  it('maps spec.host to spec.nodeName for pods', () => {
    expect(fieldSelectorToString(convertFieldSelector('Pod', parseFieldSelector('spec.host=n1')))).toBe(
      'spec.nodeName=n1',
    );
    expect(
      fieldSelectorToString(convertFieldSelector('Pod', parseFieldSelector('status.podIPs=1.2.3.4'))),
    ).toBe('status.podIPs=1.2.3.4');
  });
  it('kubectl wraps the server message', () => {
    expect(
      kubectlSelectorErrorMessage(
        { group: '', version: 'v1', resource: 'pods' },
        '',
        'foo=bar',
        'field label not supported: foo',
      ),
    ).toBe(
      'Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo',
    );
  });
});
