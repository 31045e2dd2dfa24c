/**
 * The static pod manifests `kubeadm init` writes to /etc/kubernetes/manifests on a control-plane
 * node (upstream cmd/kubeadm/app/phases/controlplane/manifests.go and phases/etcd/local.go, v1.34
 * defaults): etcd, kube-apiserver, kube-controller-manager and kube-scheduler, with kubeadm's images,
 * labels (`component`, `tier: control-plane`), `priorityClassName: system-node-critical`,
 * `hostNetwork: true`, command lines, resource requests and probes.
 *
 * In KubeLab the real components are the workers of the browser (or objects of a SimCluster); these
 * pods are their faces on the control-plane node. Left out: volumes and volume mounts (the certificate
 * and config paths are only named in the flags), the proxy environment variables.
 */
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1';

/** Kubernetes version of the control-plane images. */
export const KUBERNETES_VERSION = 'v1.34.0';
/** kubeadm's etcd image tag for v1.34. */
export const ETCD_VERSION = '3.6.4-0';
/** kubeadm's default image repository. */
export const IMAGE_REPOSITORY = 'registry.k8s.io';

/** What the manifests depend on (kubeadm's ClusterConfiguration / InitConfiguration). */
export interface ControlPlaneConfig {
  /** The control-plane node's name (etcd member name). */
  nodeName: string;
  /** `localAPIEndpoint.advertiseAddress`: the node's IP. */
  advertiseAddress: string;
  /** `networking.podSubnet` (kind and flannel default: 10.244.0.0/16). */
  podSubnet?: string;
  /** `networking.serviceSubnet` (default 10.96.0.0/12). */
  serviceSubnet?: string;
}

const PKI = '/etc/kubernetes/pki';

function probe(host: string, path: string, scheme: 'HTTP' | 'HTTPS', kind: 'liveness' | 'readiness' | 'startup'): Probe {
  const p: Probe = {
    httpGet: { host, path, port: 'probe-port' as unknown as number, scheme },
    timeoutSeconds: 15,
    failureThreshold: kind === 'readiness' ? 3 : kind === 'startup' ? 24 : 8,
    periodSeconds: kind === 'readiness' ? 1 : 10,
  };
  if (kind !== 'readiness') p.initialDelaySeconds = 10;
  return p;
}

function componentPod(
  name: string,
  container: Container,
  annotations?: Record<string, string>,
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(annotations ? { annotations } : {}),
      labels: { component: name, tier: 'control-plane' },
      name,
      namespace: 'kube-system',
    },
    spec: {
      containers: [{ ...container, name, imagePullPolicy: 'IfNotPresent' }],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
    },
  };
}

/** The four manifests, in the order kubeadm writes them (etcd last, as its own phase). */
export function controlPlaneStaticPods(cfg: ControlPlaneConfig): Pod[] {
  const ip = cfg.advertiseAddress;
  const podSubnet = cfg.podSubnet ?? '10.244.0.0/16';
  const serviceSubnet = cfg.serviceSubnet ?? '10.96.0.0/12';
  const apiserver = componentPod(
    'kube-apiserver',
    {
      name: 'kube-apiserver',
      image: `${IMAGE_REPOSITORY}/kube-apiserver:${KUBERNETES_VERSION}`,
      command: [
        'kube-apiserver',
        `--advertise-address=${ip}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        `--client-ca-file=${PKI}/ca.crt`,
        '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true',
        `--etcd-cafile=${PKI}/etcd/ca.crt`,
        `--etcd-certfile=${PKI}/apiserver-etcd-client.crt`,
        `--etcd-keyfile=${PKI}/apiserver-etcd-client.key`,
        '--etcd-servers=https://127.0.0.1:2379',
        `--kubelet-client-certificate=${PKI}/apiserver-kubelet-client.crt`,
        `--kubelet-client-key=${PKI}/apiserver-kubelet-client.key`,
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        `--proxy-client-cert-file=${PKI}/front-proxy-client.crt`,
        `--proxy-client-key-file=${PKI}/front-proxy-client.key`,
        '--requestheader-allowed-names=front-proxy-client',
        `--requestheader-client-ca-file=${PKI}/front-proxy-ca.crt`,
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User',
        '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${PKI}/sa.pub`,
        `--service-account-signing-key-file=${PKI}/sa.key`,
        `--service-cluster-ip-range=${serviceSubnet}`,
        `--tls-cert-file=${PKI}/apiserver.crt`,
        `--tls-private-key-file=${PKI}/apiserver.key`,
      ],
      livenessProbe: probe(ip, '/livez', 'HTTPS', 'liveness'),
      ports: [{ containerPort: 6443, name: 'probe-port', protocol: 'TCP' }],
      readinessProbe: probe(ip, '/readyz', 'HTTPS', 'readiness'),
      resources: { requests: { cpu: '250m' } },
      startupProbe: probe(ip, '/livez', 'HTTPS', 'startup'),
    },
    { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
  );
  const kcmConf = '/etc/kubernetes/controller-manager.conf';
  const controllerManager = componentPod('kube-controller-manager', {
    name: 'kube-controller-manager',
    image: `${IMAGE_REPOSITORY}/kube-controller-manager:${KUBERNETES_VERSION}`,
    command: [
      'kube-controller-manager',
      '--allocate-node-cidrs=true',
      `--authentication-kubeconfig=${kcmConf}`,
      `--authorization-kubeconfig=${kcmConf}`,
      '--bind-address=127.0.0.1',
      `--client-ca-file=${PKI}/ca.crt`,
      `--cluster-cidr=${podSubnet}`,
      '--cluster-name=kubernetes',
      `--cluster-signing-cert-file=${PKI}/ca.crt`,
      `--cluster-signing-key-file=${PKI}/ca.key`,
      '--controllers=*,bootstrapsigner,tokencleaner',
      `--kubeconfig=${kcmConf}`,
      '--leader-elect=true',
      `--requestheader-client-ca-file=${PKI}/front-proxy-ca.crt`,
      `--root-ca-file=${PKI}/ca.crt`,
      `--service-account-private-key-file=${PKI}/sa.key`,
      `--service-cluster-ip-range=${serviceSubnet}`,
      '--use-service-account-credentials=true',
    ],
    livenessProbe: probe('127.0.0.1', '/healthz', 'HTTPS', 'liveness'),
    ports: [{ containerPort: 10257, name: 'probe-port', protocol: 'TCP' }],
    resources: { requests: { cpu: '200m' } },
    startupProbe: probe('127.0.0.1', '/healthz', 'HTTPS', 'startup'),
  });
  const schedConf = '/etc/kubernetes/scheduler.conf';
  const scheduler = componentPod('kube-scheduler', {
    name: 'kube-scheduler',
    image: `${IMAGE_REPOSITORY}/kube-scheduler:${KUBERNETES_VERSION}`,
    command: [
      'kube-scheduler',
      `--authentication-kubeconfig=${schedConf}`,
      `--authorization-kubeconfig=${schedConf}`,
      '--bind-address=127.0.0.1',
      `--kubeconfig=${schedConf}`,
      '--leader-elect=true',
    ],
    livenessProbe: probe('127.0.0.1', '/livez', 'HTTPS', 'liveness'),
    ports: [{ containerPort: 10259, name: 'probe-port', protocol: 'TCP' }],
    readinessProbe: probe('127.0.0.1', '/readyz', 'HTTPS', 'readiness'),
    resources: { requests: { cpu: '100m' } },
    startupProbe: probe('127.0.0.1', '/livez', 'HTTPS', 'startup'),
  });
  const etcd = componentPod(
    'etcd',
    {
      name: 'etcd',
      image: `${IMAGE_REPOSITORY}/etcd:${ETCD_VERSION}`,
      command: [
        'etcd',
        `--advertise-client-urls=https://${ip}:2379`,
        `--cert-file=${PKI}/etcd/server.crt`,
        '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd',
        '--feature-gates=InitialCorruptCheck=true',
        `--initial-advertise-peer-urls=https://${ip}:2380`,
        `--initial-cluster=${cfg.nodeName}=https://${ip}:2380`,
        `--key-file=${PKI}/etcd/server.key`,
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${ip}:2380`,
        `--name=${cfg.nodeName}`,
        `--peer-cert-file=${PKI}/etcd/peer.crt`,
        '--peer-client-cert-auth=true',
        `--peer-key-file=${PKI}/etcd/peer.key`,
        `--peer-trusted-ca-file=${PKI}/etcd/ca.crt`,
        '--snapshot-count=10000',
        `--trusted-ca-file=${PKI}/etcd/ca.crt`,
        '--watch-progress-notify-interval=5s',
      ],
      livenessProbe: probe('127.0.0.1', '/livez', 'HTTP', 'liveness'),
      ports: [{ containerPort: 2381, name: 'probe-port', protocol: 'TCP' }],
      readinessProbe: probe('127.0.0.1', '/readyz', 'HTTP', 'readiness'),
      resources: { requests: { cpu: '100m', memory: '100Mi' } },
      startupProbe: probe('127.0.0.1', '/readyz', 'HTTP', 'startup'),
    },
    { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
  );
  return [etcd, apiserver, controllerManager, scheduler];
}
