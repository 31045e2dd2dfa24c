/**
 * Error responses with upstream's codes, reasons, messages and details: 422 Invalid with field paths
 * and causes, 400 for type errors and strict unknown fields (and Warn warnings), 403 in a terminating
 * namespace, 404 for a missing namespace and unknown paths, 405 for unsupported verbs.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { KubeObject } from '../../../src/api/types';
import { startHarness, pod, status, PODS, DEPLOYS, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.c.stop();
});

describe('422 Invalid', () => {
  it('one field error', async () => {
    const r = await h.call('POST', PODS, pod('x', { containers: [{ name: 'c' }] }));
    expect(r.status).toBe(422);
    expect(status(r)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Pod "x" is invalid: spec.containers[0].image: Required value',
      reason: 'Invalid',
      details: {
        name: 'x',
        kind: 'Pod',
        causes: [
          { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers[0].image' },
        ],
      },
      code: 422,
    });
  });

  it('several field errors are joined as [a, b] and each is a cause', async () => {
    const r = await h.call('POST', PODS, pod('Bad_Name', { containers: [{ name: 'c' }] }));
    expect(r.status).toBe(422);
    const st = status(r);
    expect(st.message).toBe(
      "Pod \"Bad_Name\" is invalid: [metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), spec.containers[0].image: Required value]",
    );
    expect(st.details?.causes?.map((c) => [c.reason, c.field])).toEqual([
      ['FieldValueInvalid', 'metadata.name'],
      ['FieldValueRequired', 'spec.containers[0].image'],
    ]);
  });

  it('a non-core kind is named Kind.group', async () => {
    const r = await h.call('POST', DEPLOYS, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'other' } },
          spec: { containers: [{ name: 'c', image: 'x' }] },
        },
      },
    });
    expect(r.status).toBe(422);
    expect(status(r).message).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    );
    expect(status(r).details).toMatchObject({ name: 'web', group: 'apps', kind: 'Deployment' });
  });

  it('a missing name on create', async () => {
    const r = await h.call('POST', '/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {},
    });
    expect(r.status).toBe(422);
    expect(status(r).message).toBe(
      'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required',
    );
  });
});

describe('400 BadRequest', () => {
  it('a type error in the body', async () => {
    const r = await h.call('POST', PODS, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'x' },
      spec: { containers: 'nginx' },
    });
    expect(r.status).toBe(400);
    expect(status(r)).toMatchObject({
      reason: 'BadRequest',
      message:
        'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container',
    });
  });

  it('fieldValidation=Strict refuses unknown fields; Warn (default) warns; Ignore is silent', async () => {
    const body = { ...pod('x'), spec: { containers: [{ name: 'c', image: 'x', imagePullPolcy: 'Always' }] } };
    const strict = await h.call('POST', PODS, body, { fieldValidation: 'Strict' });
    expect(strict.status).toBe(400);
    expect(status(strict).message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy"',
    );
    const warn = await h.call('POST', PODS, body);
    expect(warn.status).toBe(201);
    expect(warn.warnings).toEqual(['unknown field "spec.containers[0].imagePullPolcy"']);
    const created = warn.body as KubeObject;
    expect(
      (created.spec as { containers: Array<Record<string, unknown>> }).containers[0].imagePullPolcy,
    ).toBeUndefined();
    const ignore = await h.call(
      'POST',
      PODS,
      { ...body, metadata: { name: 'y' } },
      { fieldValidation: 'Ignore' },
    );
    expect(ignore.status).toBe(201);
    expect(ignore.warnings).toBeUndefined();
  });

  it('a body namespace that differs from the URL', async () => {
    const r = await h.call('POST', PODS, { ...pod('x'), metadata: { name: 'x', namespace: 'kube-system' } });
    expect(r.status).toBe(400);
    expect(status(r).message).toBe(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  });

  it('a body of the wrong kind', async () => {
    const r = await h.call('POST', PODS, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
    });
    expect(r.status).toBe(400);
  });
});

describe('namespaces', () => {
  it('creating in a missing namespace is 404 namespaces "x" not found', async () => {
    const r = await h.call('POST', '/api/v1/namespaces/nope/pods', pod('p'));
    expect(r.status).toBe(404);
    expect(status(r)).toMatchObject({
      reason: 'NotFound',
      message: 'namespaces "nope" not found',
      details: { name: 'nope', kind: 'namespaces' },
    });
  });

  it('a deleted namespace is Terminating and refuses new content with 403', async () => {
    await h.ok('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'tmp' },
    });
    const del = await h.call('DELETE', '/api/v1/namespaces/tmp');
    expect(del.status).toBe(200);
    const ns = del.body as KubeObject;
    expect(ns.kind).toBe('Namespace');
    expect(ns.status).toEqual({ phase: 'Terminating' });
    expect(ns.metadata.deletionTimestamp).toBe('2026-01-01T00:00:00Z');
    expect((ns.spec as { finalizers: string[] }).finalizers).toEqual(['kubernetes']);
    const r = await h.call('POST', '/api/v1/namespaces/tmp/pods', pod('p'));
    expect(r.status).toBe(403);
    expect(status(r)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'pods "p" is forbidden: unable to create new content in namespace tmp because it is being terminated',
      reason: 'Forbidden',
      details: {
        name: 'p',
        kind: 'pods',
        causes: [
          {
            reason: 'NamespaceTerminating',
            message: 'namespace tmp is being terminated',
            field: 'metadata.namespace',
          },
        ],
      },
      code: 403,
    });
  });

  it.each(['default', 'kube-system', 'kube-public'])('namespace %s may not be deleted', async (name) => {
    const r = await h.call('DELETE', `/api/v1/namespaces/${name}`);
    expect(r.status).toBe(403);
    expect(status(r).message).toBe(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
  });
});

describe('bad paths and verbs', () => {
  it.each([
    ['GET', '/api/v2/pods'],
    ['GET', '/apis/apps/v1/namespaces/default/widgets'],
    ['GET', '/api/v1/namespaces/default/nodes'],
    ['GET', '/api/v1/namespaces/default/pods/p/frobnicate'],
    ['GET', '/nonsense'],
  ] as const)('%s %s → 404', async (method, path) => {
    const r = await h.call(method, path);
    expect(r.status).toBe(404);
    expect(status(r)).toMatchObject({
      reason: 'NotFound',
      message: 'the server could not find the requested resource',
    });
  });

  it('POST to a pod name is 405', async () => {
    await h.ok('POST', PODS, pod('p'));
    const r = await h.call('POST', `${PODS}/p`, pod('p'));
    expect(r.status).toBe(405);
    expect(status(r)).toMatchObject({
      reason: 'MethodNotAllowed',
      message: 'the server does not allow this method on the requested resource',
      details: {},
    });
  });

  it.each([
    ['PUT', '/api/v1/namespaces/default/pods'],
    ['PATCH', '/api/v1/namespaces/default/configmaps'],
    ['GET', '/api/v1/namespaces/default/pods/p/eviction'],
  ] as const)('%s %s → 405', async (method, path) => {
    const r = await h.call(method, path, {});
    expect(r.status).toBe(405);
  });

  it('deletecollection on namespaces is 405', async () => {
    const r = await h.call('DELETE', '/api/v1/namespaces');
    expect(r.status).toBe(405);
    expect(status(r).message).toBe('the server does not allow this method on the requested resource');
  });
});
