/** Sample objects for benchmarks, shaped like what a v1.34 cluster stores. */

/** A Pod as the apiserver stores it after scheduling and start-up (about 2.5 kB of JSON). */
export function makeSamplePod(i = 0): Record<string, unknown> {
  const name = `web-7d9c6b5f4-${(100000 + i).toString(36)}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: 'web-7d9c6b5f4-',
      namespace: 'default',
      uid: `5f0c2b9e-1d2a-4c3b-9e8f-${(i + 1).toString(16).padStart(12, '0')}`,
      resourceVersion: String(1000 + i),
      creationTimestamp: '2025-01-01T00:00:00Z',
      labels: { app: 'web', 'pod-template-hash': '7d9c6b5f4' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-7d9c6b5f4',
          uid: '0b7a8c1e-2f3d-4e5f-8a9b-0c1d2e3f4a5b',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.27',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          imagePullPolicy: 'IfNotPresent',
        },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      serviceAccount: 'default',
      nodeName: `node-${i % 3}`,
      securityContext: {},
      schedulerName: 'default-scheduler',
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase: 'Running',
      conditions: [
        'PodReadyToStartContainers',
        'Initialized',
        'Ready',
        'ContainersReady',
        'PodScheduled',
      ].map((type) => ({
        type,
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: '2025-01-01T00:00:05Z',
      })),
      hostIP: '10.0.0.2',
      podIP: `10.244.0.${(i % 250) + 2}`,
      podIPs: [{ ip: `10.244.0.${(i % 250) + 2}` }],
      startTime: '2025-01-01T00:00:01Z',
      containerStatuses: [
        {
          name: 'nginx',
          state: { running: { startedAt: '2025-01-01T00:00:04Z' } },
          lastState: {},
          ready: true,
          restartCount: 0,
          image: 'docker.io/library/nginx:1.27',
          imageID:
            'docker.io/library/nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
          containerID: 'containerd://8c4f5e6d7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d',
          started: true,
        },
      ],
      qosClass: 'Burstable',
    },
  };
}
