import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { KubeObject } from '../../api/types';
import { startHarness, type Harness } from '../../../test/integration/apiserver/harness';
import { hpaV1ToV2, hpaV2ToV1, hpaV1UnknownFields, converterFor } from './conversion';
import { discovery } from './discovery';
import { findByKind, findResource } from '../../api/resources';
import { resolveRequest } from './router';

const meta = { name: 'h', namespace: 'default' };
const ref = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend' };
const cpu = (u: number) => ({
  type: 'Resource',
  resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: u } },
});
const mem = {
  type: 'Resource',
  resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } },
};
const pods = {
  type: 'Pods',
  pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } },
};
const behavior = {
  scaleDown: {
    stabilizationWindowSeconds: 60,
    selectPolicy: 'Max',
    policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }],
  },
};
const cond = {
  type: 'AbleToScale',
  status: 'True',
  lastTransitionTime: '2025-01-01T00:00:00Z',
  reason: 'ReadyForNewScale',
  message: 'ok',
};

const v2 = (
  spec: Record<string, unknown>,
  status?: Record<string, unknown>,
  annotations?: Record<string, string>,
): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { ...meta, ...(annotations ? { annotations } : {}) },
  spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 5, ...spec },
  ...(status ? { status } : {}),
});

describe('autoscaling/v2 → v1 → v2 round trips', () => {
  const cases: Array<[string, KubeObject, Record<string, unknown>, Record<string, string> | undefined]> = [
    ['cpu only', v2({ metrics: [cpu(50)] }), { targetCPUUtilizationPercentage: 50 }, undefined],
    [
      'cpu + memory',
      v2({ metrics: [cpu(70), mem] }),
      { targetCPUUtilizationPercentage: 70 },
      {
        'autoscaling.alpha.kubernetes.io/metrics':
          '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}}]',
      },
    ],
    [
      'pods metric and behavior, user annotation kept',
      v2({ metrics: [pods], behavior }, undefined, { team: 'a' }),
      {},
      {
        team: 'a',
        'autoscaling.alpha.kubernetes.io/metrics':
          '[{"type":"Pods","pods":{"metricName":"qps","targetAverageValue":"10"}}]',
        'autoscaling.alpha.kubernetes.io/behavior':
          '{"ScaleDown":{"StabilizationWindowSeconds":60,"SelectPolicy":"Max","Policies":[{"Type":"Pods","Value":4,"PeriodSeconds":15}]}}',
      },
    ],
  ];
  it.each(cases)('%s', (_name, obj, v1SpecExtra, annotations) => {
    const v1 = hpaV2ToV1(obj);
    expect(v1.apiVersion).toBe('autoscaling/v1');
    expect(v1.spec).toEqual({ scaleTargetRef: ref, minReplicas: 1, maxReplicas: 5, ...v1SpecExtra });
    expect(v1.metadata.annotations).toEqual(annotations);
    expect(hpaV1ToV2(v1)).toEqual(obj);
  });

  it('status: cpu utilization, replicas, current metrics and conditions', () => {
    const current = [
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageValue: '150m', averageUtilization: 30 } },
      },
    ];
    const status = {
      observedGeneration: 1,
      lastScaleTime: '2025-01-01T00:00:00Z',
      currentReplicas: 3,
      desiredReplicas: 4,
      currentMetrics: current,
      conditions: [cond],
    };
    const obj = v2({ metrics: [cpu(50)] }, status);
    const v1 = hpaV2ToV1(obj);
    expect(v1.status).toEqual({
      observedGeneration: 1,
      lastScaleTime: '2025-01-01T00:00:00Z',
      currentReplicas: 3,
      desiredReplicas: 4,
      currentCPUUtilizationPercentage: 30,
    });
    expect(v1.metadata.annotations).toEqual({
      'autoscaling.alpha.kubernetes.io/current-metrics':
        '[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":30,"currentAverageValue":"150m"}}]',
      'autoscaling.alpha.kubernetes.io/conditions': JSON.stringify([cond]),
    });
    expect(hpaV1ToV2(v1)).toEqual(obj);
  });

  it('v1 status always carries currentReplicas and desiredReplicas', () => {
    expect(hpaV2ToV1(v2({ metrics: [cpu(50)] }, {})).status).toEqual({
      currentReplicas: 0,
      desiredReplicas: 0,
    });
  });

  it('v1 without a CPU target converts to v2 without metrics (v2 defaulting adds cpu 80%)', () => {
    const v1: KubeObject = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta,
      spec: { scaleTargetRef: ref, maxReplicas: 3 },
    };
    expect(hpaV1ToV2(v1).spec).toEqual({ scaleTargetRef: ref, maxReplicas: 3 });
  });

  it('unknown v1 fields', () => {
    expect(
      hpaV1UnknownFields({
        apiVersion: 'autoscaling/v1',
        kind: 'X',
        metadata: {},
        spec: { metrics: [], maxReplicas: 1, scaleTargetRef: { kind: 'A', foo: 1 } },
        bar: 1,
      }),
    ).toEqual(['spec.metrics', 'spec.scaleTargetRef.foo', 'bar']);
    expect(converterFor('autoscaling/v2', 'HorizontalPodAutoscaler')).toBeUndefined();
  });
});

describe('registry, routing and discovery of autoscaling/v1', () => {
  it('preferred lookups stay on v2; v1 resolves to v2 storage', () => {
    expect(findResource('autoscaling', 'horizontalpodautoscalers')?.version).toBe('v2');
    expect(findByKind('autoscaling/v2', 'HorizontalPodAutoscaler')?.version).toBe('v2');
    expect(findByKind('autoscaling/v1', 'HorizontalPodAutoscaler')?.storageVersion).toBe('v2');
    const ri = resolveRequest({
      method: 'GET',
      path: '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/x',
    });
    expect(ri.kind === 'resource' && [ri.info.version, ri.served?.version, ri.verb]).toEqual([
      'v2',
      'v1',
      'get',
    ]);
  });

  it('discovery lists v2 (preferred) then v1, and the v1 resources', () => {
    const groups = (
      discovery('/apis') as {
        groups: Array<{ name: string; versions: unknown[]; preferredVersion: unknown }>;
      }
    ).groups;
    expect(groups.find((g) => g.name === 'autoscaling')).toEqual({
      name: 'autoscaling',
      versions: [
        { groupVersion: 'autoscaling/v2', version: 'v2' },
        { groupVersion: 'autoscaling/v1', version: 'v1' },
      ],
      preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
    });
    const list = discovery('/apis/autoscaling/v1') as {
      groupVersion: string;
      resources: Array<{ name: string }>;
    };
    expect(list.groupVersion).toBe('autoscaling/v1');
    expect(list.resources.map((r) => r.name)).toEqual([
      'horizontalpodautoscalers',
      'horizontalpodautoscalers/status',
    ]);
  });
});

describe('serving autoscaling/v1 from autoscaling/v2 storage', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.c.stop();
  });
  const V1 = '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers';
  const V2 = '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers';
  const v1Body = (name: string, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name },
    spec: {
      scaleTargetRef: ref,
      minReplicas: 3,
      maxReplicas: 10,
      targetCPUUtilizationPercentage: 50,
      ...extra,
    },
  });

  it('v1 create → v1 answer, v2 get shows the CPU metric', async () => {
    const created = await h.ok('POST', V1, v1Body('a'));
    expect(created.apiVersion).toBe('autoscaling/v1');
    expect(created.spec).toEqual({
      scaleTargetRef: ref,
      minReplicas: 3,
      maxReplicas: 10,
      targetCPUUtilizationPercentage: 50,
    });
    const got = await h.ok('GET', `${V2}/a`);
    expect(got.apiVersion).toBe('autoscaling/v2');
    expect((got.spec as { metrics: unknown }).metrics).toEqual([cpu(50)]);
    expect(got.metadata.uid).toBe(created.metadata.uid);
  });

  it('v2 create → v1 get and list show targetCPUUtilizationPercentage', async () => {
    await h.ok('POST', V2, v2({ metrics: [cpu(65), mem] }, undefined) as unknown as Record<string, unknown>);
    const got = await h.ok('GET', `${V1}/h`);
    expect(got.apiVersion).toBe('autoscaling/v1');
    expect((got.spec as Record<string, unknown>).targetCPUUtilizationPercentage).toBe(65);
    expect(Object.keys(got.metadata.annotations ?? {})).toEqual(['autoscaling.alpha.kubernetes.io/metrics']);
    const list = await h.ok<{ kind: string; apiVersion: string; items: KubeObject[] }>('GET', V1);
    expect([list.kind, list.apiVersion, list.items.map((i) => i.apiVersion)]).toEqual([
      'HorizontalPodAutoscalerList',
      'autoscaling/v1',
      ['autoscaling/v1'],
    ]);
    // A v1 read-modify-write keeps the v2-only memory metric (it travels in the annotation).
    const put = await h.ok('PUT', `${V1}/h`, { ...got, spec: { ...(got.spec as object), maxReplicas: 7 } });
    expect((put.spec as { maxReplicas: number }).maxReplicas).toBe(7);
    const after = await h.ok('GET', `${V2}/h`);
    expect((after.spec as { metrics: unknown }).metrics).toEqual([cpu(65), mem]);
    expect(after.metadata.annotations).toBeUndefined();
  });

  it('v1 merge patch changes the CPU target', async () => {
    await h.ok('POST', V1, v1Body('p'));
    const r = await h.ok('PATCH', `${V1}/p`, { spec: { targetCPUUtilizationPercentage: 75 } }, undefined, {
      contentType: 'application/merge-patch+json',
    });
    expect((r.spec as Record<string, unknown>).targetCPUUtilizationPercentage).toBe(75);
    expect(((await h.ok('GET', `${V2}/p`)).spec as { metrics: unknown }).metrics).toEqual([cpu(75)]);
  });

  it('unknown v1 fields: warning by default, 400 with Strict', async () => {
    const warn = await h.call('POST', V1, v1Body('w', { metrics: [] }));
    expect([warn.status, warn.warnings]).toEqual([201, ['unknown field "spec.metrics"']]);
    const strict = await h.call('POST', V1, v1Body('s', { metrics: [] }), { fieldValidation: 'Strict' });
    expect([strict.status, (strict.body as { message: string }).message]).toEqual([
      400,
      'HorizontalPodAutoscaler in version "v1" cannot be handled as a HorizontalPodAutoscaler: strict decoding error: unknown field "spec.metrics"',
    ]);
  });

  it('a v1 watch gets v1 objects, a v2 watch v2 objects', async () => {
    const w1 = h.watch(V1);
    const w2 = h.watch(V2);
    await h.c.settle();
    await h.ok('POST', V2, v2({ metrics: [cpu(40)] }) as unknown as Record<string, unknown>);
    await h.c.settle();
    expect(w1.summary()).toEqual(['ADDED h']);
    expect(
      w1.events.map((e) => [
        e.object.apiVersion,
        (e.object.spec as Record<string, unknown>).targetCPUUtilizationPercentage,
      ]),
    ).toEqual([['autoscaling/v1', 40]]);
    expect(w2.events.map((e) => e.object.apiVersion)).toEqual(['autoscaling/v2']);
    w1.cancel();
    w2.cancel();
  });
});
