import { describe, it, expect } from 'vitest';
import { findByKind } from '../../../api/resources';
import type { KubeObject } from '../../../api/types';
import { applyDefaults, imageTag, prepareJobForCreate } from './index';

function defaulted(apiVersion: string, kind: string, o: Record<string, unknown>): KubeObject {
  const r = findByKind(apiVersion, kind);
  if (!r) throw new Error(kind);
  const obj = structuredClone({ apiVersion, kind, ...o }) as KubeObject;
  applyDefaults(r, obj);
  return obj;
}

const defaultedContainer = {
  name: 'web',
  image: 'nginx',
  imagePullPolicy: 'Always',
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
};
const podSpecDefaults = {
  restartPolicy: 'Always',
  dnsPolicy: 'ClusterFirst',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
  schedulerName: 'default-scheduler',
};

describe('Pod', () => {
  it('defaults a whole pod', () => {
    const pod = defaulted('v1', 'Pod', {
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }],
            env: [{ name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
            resources: { limits: { cpu: '500m' } },
            livenessProbe: { httpGet: { port: 80 } },
            volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }],
          },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'c' } }, { name: 'scratch' }, { name: 's', secret: { secretName: 's' } }],
      },
    });
    expect(pod).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            imagePullPolicy: 'IfNotPresent',
            terminationMessagePath: '/dev/termination-log',
            terminationMessagePolicy: 'File',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            env: [{ name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
            resources: { limits: { cpu: '500m' }, requests: { cpu: '500m' } },
            livenessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
            volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }],
          },
        ],
        volumes: [
          { name: 'cfg', configMap: { name: 'c', defaultMode: 420 } },
          { name: 'scratch', emptyDir: {} },
          { name: 's', secret: { secretName: 's', defaultMode: 420 } },
        ],
        enableServiceLinks: true,
        ...podSpecDefaults,
      },
    });
  });

  it('is idempotent', () => {
    const once = defaulted('v1', 'Pod', { metadata: { name: 'p' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
    const twice = defaulted('v1', 'Pod', once);
    expect(twice).toEqual(once);
  });

  it.each([
    ['nginx', 'latest'],
    ['nginx:1.27', '1.27'],
    ['registry:5000/app', 'latest'],
    ['registry:5000/app:v2', 'v2'],
    ['nginx@sha256:abc', ''],
  ])('image tag of %s', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });
});

describe('Deployment', () => {
  it('defaults a whole deployment', () => {
    const d = defaulted('apps/v1', 'Deployment', {
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    });
    expect(d).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [defaultedContainer], ...podSpecDefaults } },
      },
    });
  });

  it('Recreate gets no rollingUpdate', () => {
    const d = defaulted('apps/v1', 'Deployment', { metadata: { name: 'w' }, spec: { strategy: { type: 'Recreate' } } });
    expect((d.spec as { strategy: unknown }).strategy).toEqual({ type: 'Recreate' });
  });
});

describe('workload kinds', () => {
  it.each([
    ['apps/v1', 'ReplicaSet', { replicas: 1 }],
    [
      'apps/v1',
      'DaemonSet',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 },
    ],
    [
      'apps/v1',
      'StatefulSet',
      {
        replicas: 1,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        revisionHistoryLimit: 10,
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      },
    ],
    ['batch/v1', 'CronJob', { concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 }],
  ])('%s %s', (av, kind, want) => {
    const o = defaulted(av, kind, { metadata: { name: 'x' }, spec: {} });
    expect(o.spec).toEqual(want);
  });

  it('ReplicationController selector and labels come from the template', () => {
    const rc = defaulted('v1', 'ReplicationController', { metadata: { name: 'r' }, spec: { template: { metadata: { labels: { app: 'a' } }, spec: {} } } });
    expect(rc.metadata.labels).toEqual({ app: 'a' });
    expect((rc.spec as { selector: unknown; replicas: number }).selector).toEqual({ app: 'a' });
    expect((rc.spec as { replicas: number }).replicas).toBe(1);
  });
});

describe('Job', () => {
  it('defaults a whole job and prepares its selector', () => {
    const j = defaulted('batch/v1', 'Job', {
      metadata: { name: 'pi', namespace: 'default' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'web', image: 'nginx' }] } } },
    });
    prepareJobForCreate(j, 'u-1');
    const labels = { 'batch.kubernetes.io/controller-uid': 'u-1', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u-1', 'job-name': 'pi' };
    expect(j).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default', labels },
      spec: {
        completions: 1,
        parallelism: 1,
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        suspend: false,
        podReplacementPolicy: 'TerminatingOrFailed',
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } },
        template: {
          metadata: { labels },
          spec: { containers: [defaultedContainer], ...podSpecDefaults, restartPolicy: 'Never' },
        },
      },
    });
  });

  it('parallelism alone leaves completions unset', () => {
    const j = defaulted('batch/v1', 'Job', { metadata: { name: 'j' }, spec: { parallelism: 3 } });
    expect((j.spec as Record<string, unknown>).completions).toBeUndefined();
    expect((j.spec as Record<string, unknown>).parallelism).toBe(3);
  });

  it('manualSelector skips generation', () => {
    const j = defaulted('batch/v1', 'Job', { metadata: { name: 'j' }, spec: { manualSelector: true, selector: { matchLabels: { a: 'b' } } } });
    prepareJobForCreate(j, 'u');
    expect((j.spec as Record<string, unknown>).selector).toEqual({ matchLabels: { a: 'b' } });
  });
});

describe('Service', () => {
  it('defaults a whole service', () => {
    const s = defaulted('v1', 'Service', { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    expect(s).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { app: 'web' },
        ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
        type: 'ClusterIP',
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
      },
    });
  });

  it('NodePort gets externalTrafficPolicy, LoadBalancer allocateLoadBalancerNodePorts', () => {
    const s = defaulted('v1', 'Service', { metadata: { name: 'w' }, spec: { type: 'LoadBalancer', ports: [{ port: 80, targetPort: 'http' }] } });
    const spec = s.spec as Record<string, unknown>;
    expect([spec.externalTrafficPolicy, spec.allocateLoadBalancerNodePorts, spec.ports]).toEqual(['Cluster', true, [{ port: 80, targetPort: 'http', protocol: 'TCP' }]]);
  });

  it('ExternalName gets no IP families', () => {
    const s = defaulted('v1', 'Service', { metadata: { name: 'w' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
    expect(s.spec).toEqual({ type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' });
  });
});

describe('other kinds', () => {
  it('Namespace', () => {
    const ns = defaulted('v1', 'Namespace', { metadata: { name: 'dev' } });
    expect(ns).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev' } },
      // spec.finalizers [kubernetes] comes from the namespace strategy at create, not from defaulting.
      status: { phase: 'Active' },
    });
  });

  it('Secret type and stringData', () => {
    const s = defaulted('v1', 'Secret', { metadata: { name: 's' }, stringData: { user: 'admin' } });
    expect([s.type, s.data, s.stringData]).toEqual(['Opaque', { user: 'YWRtaW4=' }, undefined]);
  });

  it.each([
    ['v1', 'PersistentVolumeClaim', { volumeMode: 'Filesystem' }],
    ['v1', 'PersistentVolume', { persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' }],
    ['networking.k8s.io/v1', 'NetworkPolicy', { policyTypes: ['Ingress'] }],
    [
      'autoscaling/v2',
      'HorizontalPodAutoscaler',
      { minReplicas: 1, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
    ],
  ])('%s %s', (av, kind, want) => {
    expect(defaulted(av, kind, { metadata: { name: 'x' }, spec: {} }).spec).toEqual(want);
  });

  it('HPA behavior is filled in', () => {
    const h = defaulted('autoscaling/v2', 'HorizontalPodAutoscaler', { metadata: { name: 'h' }, spec: { behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } });
    expect((h.spec as Record<string, unknown>).behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  it('Endpoints and EndpointSlice port protocol', () => {
    const ep = defaulted('v1', 'Endpoints', { metadata: { name: 'e' }, subsets: [{ ports: [{ port: 80 }] }] });
    expect(ep.subsets).toEqual([{ ports: [{ port: 80, protocol: 'TCP' }] }]);
    const es = defaulted('discovery.k8s.io/v1', 'EndpointSlice', { metadata: { name: 'e' }, ports: [{ port: 80 }] });
    expect(es.ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }]);
  });
});
