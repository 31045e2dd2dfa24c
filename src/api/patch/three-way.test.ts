import { describe, it, expect } from 'vitest';
import { createThreeWayMergePatch } from './three-way';
import { applyStrategicMergePatch } from './strategic-merge';

/** What kubectl apply does: patch from (last-applied, new config, live), applied to live. */
function apply(lastApplied: object | null, config: object, live: object, kind = 'Deployment') {
  const patch = createThreeWayMergePatch(lastApplied, config, live, kind);
  return { patch, result: applyStrategicMergePatch(live, patch, kind) };
}

const container = (extra: Record<string, unknown> = {}) => ({
  name: 'web',
  image: 'nginx:1',
  env: [
    { name: 'A', value: '1' },
    { name: 'B', value: '2' },
  ],
  ...extra,
});

const config = (replicas: number, c: object[], labels: Record<string, string> = { app: 'web' }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels },
  spec: { replicas, template: { metadata: { labels: { app: 'web' } }, spec: { containers: c } } },
});

/** The live object: the config plus what the apiserver and others added. */
const live = (cfg: ReturnType<typeof config>) => {
  const o = JSON.parse(JSON.stringify(cfg));
  o.metadata.uid = 'u1';
  o.metadata.resourceVersion = '42';
  o.metadata.labels.owner = 'ops';
  o.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  for (const c of o.spec.template.spec.containers) {
    c.terminationMessagePath = '/dev/termination-log';
    c.imagePullPolicy = 'IfNotPresent';
  }
  o.status = { replicas: cfg.spec.replicas, readyReplicas: cfg.spec.replicas };
  return o;
};

describe('createThreeWayMergePatch (kubectl apply)', () => {
  const lastApplied = config(2, [container()]);
  const current = live(lastApplied);

  it('change replicas, add a port, drop an env var that was in last-applied', () => {
    const next = config(3, [container({ env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] })]);
    const { patch, result } = apply(lastApplied, next, current);
    expect(patch).toEqual({
      spec: {
        replicas: 3,
        template: {
          spec: {
            containers: [
              {
                name: 'web',
                env: [{ name: 'B', $patch: 'delete' }],
                '$setElementOrder/env': [{ name: 'A' }],
                ports: [{ containerPort: 80 }],
              },
            ],
            '$setElementOrder/containers': [{ name: 'web' }],
          },
        },
      },
    });
    const r = result as ReturnType<typeof live>;
    expect(r.spec.replicas).toBe(3);
    expect(r.spec.template.spec.containers).toEqual([
      {
        name: 'web',
        image: 'nginx:1',
        env: [{ name: 'A', value: '1' }],
        ports: [{ containerPort: 80 }],
        terminationMessagePath: '/dev/termination-log',
        imagePullPolicy: 'IfNotPresent',
      },
    ]);
    // Fields set by others are kept.
    expect(r.metadata.labels).toEqual({ app: 'web', owner: 'ops' });
    expect(r.status).toEqual(current.status);
    expect(r.spec.strategy).toEqual(current.spec.strategy);
    expect(r.metadata.uid).toBe('u1');
  });

  it('removing a label that was applied deletes it; a label added by others stays', () => {
    const la = config(2, [container()], { app: 'web', tier: 'fe' });
    const cur = live(la);
    const { patch, result } = apply(la, config(2, [container()], { app: 'web' }), cur);
    expect(patch).toEqual({ metadata: { labels: { tier: null } } });
    expect((result as ReturnType<typeof live>).metadata.labels).toEqual({ app: 'web', owner: 'ops' });
  });

  it('removing a container', () => {
    const la = config(2, [container(), { name: 'sidecar', image: 'busybox' }]);
    const cur = live(la);
    const { patch, result } = apply(la, config(2, [container()]), cur);
    expect(patch).toEqual({
      spec: {
        template: {
          spec: {
            containers: [{ name: 'sidecar', $patch: 'delete' }],
            '$setElementOrder/containers': [{ name: 'web' }],
          },
        },
      },
    });
    expect(
      (result as ReturnType<typeof live>).spec.template.spec.containers.map((c: { name: string }) => c.name),
    ).toEqual(['web']);
  });

  it('re-applying the same config is a no-op', () => {
    expect(apply(lastApplied, lastApplied, current).patch).toEqual({});
  });

  it('a field another actor changed is set back only when the config sets it', () => {
    const cur = live(lastApplied);
    cur.spec.replicas = 5; // e.g. kubectl scale
    expect(apply(lastApplied, lastApplied, cur).patch).toEqual({ spec: { replicas: 2 } });
    const noReplicas = config(2, [container()]) as { spec: { replicas?: number } };
    delete noReplicas.spec.replicas;
    // replicas was in last-applied and is gone from the config: apply removes it.
    expect(apply(lastApplied, noReplicas, cur).patch).toEqual({ spec: { replicas: null } });
  });

  it('first apply without last-applied only adds', () => {
    const { patch } = apply(null, config(2, [container()], { app: 'web', new: 'x' }), current);
    expect(patch).toEqual({ metadata: { labels: { new: 'x' } } });
  });

  it('does not mutate its inputs', () => {
    const la = JSON.stringify(lastApplied);
    const cur = JSON.stringify(current);
    apply(lastApplied, config(3, [container()]), current);
    expect(JSON.stringify(lastApplied)).toBe(la);
    expect(JSON.stringify(current)).toBe(cur);
  });
});
