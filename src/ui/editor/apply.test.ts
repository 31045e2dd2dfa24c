import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { LocalCluster } from '../../runtime/local-cluster';
import type { ApiTransport } from '../../api/rest';
import { applyText, diffText, LAST_APPLIED, objectsOf, withLastApplied } from './apply';
import { problemsFor } from './editor-problems';

const DEPLOY = (image: string, field = 'image') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        ${field}: ${image}
`;

describe('objectsOf', () => {
  it('splits documents, skips empty ones and reports bad ones', () => {
    const r = objectsOf(
      '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n---\nkind: X\n---\nfoo: [\n',
    );
    expect(r.map((p) => ('error' in p ? [p.doc, p.error.split(':')[0]] : [p.doc, p.object.kind]))).toEqual([
      [0, 'Namespace'],
      [2, 'error'],
      [3, 'error converting YAML to JSON'],
    ]);
  });
});

describe('withLastApplied', () => {
  it('records the object without the annotation itself', () => {
    const o = withLastApplied({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    expect(o.metadata?.annotations?.[LAST_APPLIED]).toBe(
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}\n',
    );
    expect(withLastApplied(o).metadata?.annotations?.[LAST_APPLIED]).toBe(
      o.metadata?.annotations?.[LAST_APPLIED],
    );
  });
});

describe('applyText against a cluster', () => {
  let c: LocalCluster;
  let api: ApiTransport;
  beforeAll(async () => {
    c = await LocalCluster.start();
    api = c.connect('kubectl');
  });
  afterAll(() => c.stop());

  it('creates, then reports unchanged, then configured', async () => {
    expect((await applyText(api, DEPLOY('nginx:1.27'))).map((r) => r.message)).toEqual([
      'deployment.apps/web created',
    ]);
    expect((await applyText(api, DEPLOY('nginx:1.27'))).map((r) => r.message)).toEqual([
      'deployment.apps/web unchanged',
    ]);
    expect((await applyText(api, DEPLOY('nginx:1.28'), { dryRun: true })).map((r) => r.message)).toEqual([
      'deployment.apps/web configured (server dry run)',
    ]);
    const live = await api.request<{
      spec: { template: { spec: { containers: Array<{ image: string }> } } };
    }>({
      method: 'GET',
      path: '/apis/apps/v1/namespaces/default/deployments/web',
    });
    expect(
      (live.body as { spec: { template: { spec: { containers: Array<{ image: string }> } } } }).spec.template
        .spec.containers[0].image,
    ).toBe('nginx:1.27');
    expect((await applyText(api, DEPLOY('nginx:1.28'))).map((r) => r.message)).toEqual([
      'deployment.apps/web configured',
    ]);
  });

  it('a dry run creates nothing', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry\ndata:\n  a: "1"\n';
    expect((await applyText(api, text, { dryRun: true })).map((r) => r.message)).toEqual([
      'configmap/dry created (server dry run)',
    ]);
    const res = await api.request({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/dry' });
    expect(res.status).toBe(404);
  });

  it('marks a validation error at the field', async () => {
    const text = DEPLOY('""');
    const r = await applyText(api, text.replace('name: web', 'name: web2'));
    expect(r[0].ok).toBe(false);
    // kubectl's error text comes from src/kubectl's formatApiError.
    expect(r[0].message).toMatch(
      /^The Deployment(\.apps)? "web2" is invalid: spec\.template\.spec\.containers\[0\]\.image: Required value$/,
    );
    const p = problemsFor(text, r);
    expect(p.map((x) => [x.startLine, x.message])).toEqual([
      [17, 'spec.template.spec.containers[0].image: Required value'],
    ]);
  });

  it('marks an unknown field (strict field validation) at its line', async () => {
    const text = DEPLOY('nginx', 'imagee').replace('name: web', 'name: web3');
    const r = await applyText(api, text);
    expect(r[0].ok).toBe(false);
    expect(r[0].message).toContain('unknown field "spec.template.spec.containers[0].imagee"');
    expect(problemsFor(text, r).map((x) => [x.startLine, x.startColumn])).toEqual([[17, 9]]);
  });

  it('diffs live against the dry-run result', async () => {
    const d = await diffText(api, DEPLOY('nginx:1.29'));
    expect(d.errors).toEqual([]);
    expect(d.live).toContain('image: nginx:1.28');
    expect(d.merged).toContain('image: nginx:1.29');
    expect(d.merged).not.toContain('managedFields');
  });

  it('reports a kind the server does not serve', async () => {
    const r = await applyText(api, 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n');
    expect(r[0].message).toBe(
      'error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first',
    );
  });
});
