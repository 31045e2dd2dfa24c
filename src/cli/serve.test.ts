/* eslint-disable @typescript-eslint/no-explicit-any -- the tests poke into JSON bodies of many shapes */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScaledClock } from '../runtime/clock';
import { SimCluster } from '../runtime/sim-cluster';
import { serve, warningHeader, type Served } from './serve';

let cluster: SimCluster;
let server: Served;
let base: string;

beforeAll(async () => {
  cluster = await SimCluster.start({ seed: 3, clock: new ScaledClock(), workers: 1 });
  server = await serve({ cluster });
  base = `http://127.0.0.1:${server.port}`;
}, 30_000);

afterAll(async () => {
  await server?.close();
  await cluster?.stop();
});

async function call(
  method: string,
  path: string,
  o: { body?: string; contentType?: string; accept?: string } = {},
): Promise<{ status: number; type: string | null; json: any; text: string; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (o.contentType) headers['Content-Type'] = o.contentType;
  if (o.accept) headers['Accept'] = o.accept;
  const r = await fetch(base + path, { method, headers, body: o.body });
  const text = await r.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, type: r.headers.get('content-type'), json, text, headers: r.headers };
}

const cm = (name: string, data: Record<string, string>) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data });

describe('serve: discovery and OpenAPI', () => {
  it('serves /version', async () => {
    const r = await call('GET', '/version');
    expect([r.status, r.type, r.json.gitVersion, r.json.major, r.json.minor]).toEqual([
      200,
      'application/json',
      'v1.34.0',
      '1',
      '34',
    ]);
  });

  it('answers aggregated discovery for /api and /apis with the v2 media type', async () => {
    const accept =
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    const core = await call('GET', '/api', { accept });
    expect(core.type).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(core.json.kind).toBe('APIGroupDiscoveryList');
    expect(core.json.items.length).toBe(1);
    const pods = core.json.items[0].versions[0].resources.find((x: any) => x.resource === 'pods');
    expect(pods).toMatchObject({
      responseKind: { group: '', version: 'v1', kind: 'Pod' },
      scope: 'Namespaced',
      singularResource: 'pod',
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(pods.subresources.find((s: any) => s.subresource === 'log')).toEqual({
      subresource: 'log',
      responseKind: { group: '', version: 'v1', kind: 'Pod' },
      verbs: ['get'],
    });
    const groups = await call('GET', '/apis', { accept });
    const apps = groups.json.items.find((g: any) => g.metadata.name === 'apps');
    const deploy = apps.versions[0].resources.find((x: any) => x.resource === 'deployments');
    expect(deploy.subresources.find((s: any) => s.subresource === 'scale').responseKind).toEqual({
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
    });
  });

  it('answers legacy discovery for a plain JSON Accept', async () => {
    const r = await call('GET', '/apis', { accept: 'application/json' });
    expect([r.type, r.json.kind]).toEqual(['application/json', 'APIGroupList']);
    const v1 = await call('GET', '/api/v1');
    expect(v1.json.kind).toBe('APIResourceList');
  });

  it('serves an OpenAPI v3 index whose documents carry GVKs and the fieldValidation parameter', async () => {
    const idx = await call('GET', '/openapi/v3');
    const url: string = idx.json.paths['api/v1'].serverRelativeURL;
    expect(url).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    expect(Object.keys(idx.json.paths)).toContain('apis/apps/v1');
    const doc = await call('GET', url);
    expect(doc.json.openapi).toBe('3.0.0');
    const pod = doc.json.components.schemas['io.k8s.api.core.v1.Pod'];
    expect(pod['x-kubernetes-group-version-kind']).toEqual([{ group: '', version: 'v1', kind: 'Pod' }]);
    expect(pod.properties.metadata.$ref).toBe(
      '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
    );
    const patch = doc.json.paths['/api/v1/namespaces/{namespace}/pods/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: '', version: 'v1', kind: 'Pod' });
    expect(patch.parameters.map((p: any) => p.name)).toContain('fieldValidation');
    expect((await call('GET', '/openapi/v3/apis/nope/v1')).status).toBe(404);
  });

  it('serves /openapi/v2 as JSON only', async () => {
    const json = await call('GET', '/openapi/v2', { accept: 'application/json' });
    expect([json.status, json.json.swagger]).toEqual([200, '2.0']);
    expect(json.json.definitions['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual(
      [{ group: 'apps', version: 'v1', kind: 'Deployment' }],
    );
    const pb = await call('GET', '/openapi/v2', {
      accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
    });
    expect(pb.status).toBe(406);
  });
});

describe('serve: resources', () => {
  it('creates with a JSON POST and reads it back', async () => {
    const c = await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: cm('one', { a: '1' }),
      contentType: 'application/json',
    });
    expect([c.status, c.type, c.json.metadata.name, c.json.data]).toEqual([
      201,
      'application/json',
      'one',
      { a: '1' },
    ]);
    const g = await call('GET', '/api/v1/namespaces/default/configmaps/one');
    expect([g.status, g.json.metadata.uid]).toEqual([200, c.json.metadata.uid]);
  });

  it('accepts a YAML body', async () => {
    const c = await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yml\ndata:\n  k: v\n',
      contentType: 'application/yaml',
    });
    expect([c.status, c.json.metadata.name, c.json.data]).toEqual([201, 'yml', { k: 'v' }]);
  });

  it('returns a Table for the Table Accept', async () => {
    const r = await call('GET', '/api/v1/namespaces/default/configmaps', {
      accept:
        'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
    });
    expect([r.status, r.json.kind, r.json.apiVersion]).toEqual([200, 'Table', 'meta.k8s.io/v1']);
    expect(r.json.columnDefinitions.map((c: any) => c.name)).toEqual(['Name', 'Data', 'Age']);
  });

  it('answers a missing object with a 404 Status', async () => {
    const r = await call('GET', '/api/v1/namespaces/default/pods/nope');
    expect([r.status, r.type]).toEqual([404, 'application/json']);
    expect(r.json).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "nope" not found',
      reason: 'NotFound',
      code: 404,
      details: { name: 'nope', kind: 'pods' },
    });
    const path = await call('GET', '/apis/nope/v1/things');
    expect([path.status, path.json.reason]).toEqual([404, 'NotFound']);
  });

  it.each([
    ['application/merge-patch+json', JSON.stringify({ data: { b: 'merge' } }), { a: '1', b: 'merge' }],
    [
      'application/strategic-merge-patch+json',
      JSON.stringify({ data: { c: 'smp' } }),
      { a: '1', b: 'merge', c: 'smp' },
    ],
    [
      'application/json-patch+json',
      JSON.stringify([{ op: 'remove', path: '/data/b' }]),
      { a: '1', c: 'smp' },
    ],
  ])('passes the patch type %s through', async (type, body, data) => {
    const r = await call('PATCH', '/api/v1/namespaces/default/configmaps/one', { body, contentType: type });
    expect([r.status, r.json.data]).toEqual([200, data]);
  });

  it('turns response warnings into Warning headers', async () => {
    const r = await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'warned' },
        colour: 'red',
      }),
      contentType: 'application/json',
    });
    expect([r.status, r.headers.get('warning')]).toEqual([201, '299 - "unknown field \\"colour\\""']);
  });

  it('rejects bodies it cannot decode', async () => {
    const bad = await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: '{nope',
      contentType: 'application/json',
    });
    expect([bad.status, bad.json.reason]).toEqual([400, 'BadRequest']);
    const pb = await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: 'k8s\u0000xx',
      contentType: 'application/vnd.kubernetes.protobuf',
    });
    expect([pb.status, pb.json.reason, pb.json.message]).toEqual([
      415,
      'UnsupportedMediaType',
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
    ]);
  });
});

describe('serve: watch and logs', () => {
  it('streams watch events as JSON lines until the client goes away', async () => {
    const ac = new AbortController();
    const res = await fetch(`${base}/api/v1/namespaces/default/configmaps?watch=1&labelSelector=w%3Dyes`, {
      signal: ac.signal,
    });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/json']);
    const reader = res.body!.getReader();
    const created = await call('POST', '/api/v1/namespaces/default/configmaps', {
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'watched', labels: { w: 'yes' } },
      }),
      contentType: 'application/json',
    });
    expect(created.status).toBe(201);
    await call('DELETE', '/api/v1/namespaces/default/configmaps/watched');
    let buf = '';
    const dec = new TextDecoder();
    while (buf.split('\n').length < 3) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value);
    }
    const lines = buf
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; object: any });
    expect(lines.map((l) => [l.type, l.object.metadata.name])).toEqual([
      ['ADDED', 'watched'],
      ['DELETED', 'watched'],
    ]);
    ac.abort();
  });

  it('serves pod logs as text/plain', async () => {
    const c = await call('POST', '/api/v1/namespaces/default/pods', {
      body: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'logger' },
        spec: {
          containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo hello; sleep 3600'] }],
        },
      }),
      contentType: 'application/json',
    });
    expect(c.status).toBe(201);
    let phase = '';
    for (let i = 0; i < 100 && phase !== 'Running'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      phase = (await call('GET', '/api/v1/namespaces/default/pods/logger')).json.status?.phase;
    }
    expect(phase).toBe('Running');
    const r = await call('GET', '/api/v1/namespaces/default/pods/logger/log');
    expect([r.status, r.type, r.text]).toEqual([200, 'text/plain', 'hello\n']);
  }, 30_000);
});

describe('warningHeader', () => {
  it.each([
    ['plain', '299 - "plain"'],
    ['say "hi"', '299 - "say \\"hi\\""'],
    ['back\\slash', '299 - "back\\\\slash"'],
  ])('quotes %s', (text, want) => {
    expect(warningHeader(text)).toBe(want);
  });
});
