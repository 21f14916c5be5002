// `kubesim cluster create NAME --profile kubeadm`: what a fresh kubeadm v1.32 cluster holds (the CKA
// exam's clusters): a `controlplane` node with the control-plane taint and labels, workers node01,
// node02 ..., the static control-plane pods in kube-system (mirror pods owned by their Node), the coredns
// Deployment and kube-dns Service, the kube-proxy DaemonSet (its pods come from the DaemonSet
// controller) and the ConfigMaps kubeadm uploads (kubeadm-config, kubelet-config, kube-proxy, coredns,
// cluster-info in kube-public).
import { createHash } from 'node:crypto';
import type { Cluster } from '../../store/cluster.js';
import type { KObject } from '../../api/types.js';
import { applyDefaults } from '../../api/defaults.js';
import { makeNode } from '../../controllers/nodes.js';

export const KUBE_VERSION = 'v1.32.5';
const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.16-0';
const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.3';
const POD_SUBNET = '10.244.0.0/16';
const SERVICE_SUBNET = '10.96.0.0/12';
const DNS_IP = '10.96.0.10';

/** controlplane, node01, node02 ... */
export function kubeadmNodeNames(n: number): string[] {
  const out = ['controlplane'];
  for (let i = 1; i < n; i++) out.push(`node${String(i).padStart(2, '0')}`);
  return out;
}

function hex(s: string, n = 32): string {
  return createHash('sha256').update(s).digest('hex').slice(0, n);
}

/** A kubeadm-joined node: no providerID (not kind), the containerd socket kubeadm records, its own address. */
function kubeadmNode(name: string, i: number, now: string): KObject {
  const node = makeNode(name, now);
  const ip = `172.30.1.${i + 2}`;
  const cidr = `10.244.${i}.0/24`;
  node.metadata!.annotations = {
    'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
    'node.alpha.kubernetes.io/ttl': '0',
    'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
  };
  node.spec = { podCIDR: cidr, podCIDRs: [cidr] };
  node.status.addresses = [{ address: ip, type: 'InternalIP' }, { address: name, type: 'Hostname' }];
  node.status.nodeInfo.osImage = 'Ubuntu 24.04.1 LTS';
  node.status.nodeInfo.kernelVersion = '6.8.0-51-generic';
  if (i === 0) {
    node.metadata!.labels = {
      ...node.metadata!.labels,
      'node-role.kubernetes.io/control-plane': '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
    };
    node.spec.taints = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];
  }
  return node;
}

interface StaticPodSpec {
  component: string;
  image: string;
  command: string[];
  annotations: Record<string, string>;
  requests: Record<string, string>;
  probe: { path: string; port: number; scheme: string; host?: string };
  startup?: boolean;
  readiness?: { path: string; port: number; scheme: string };
  mounts: [string, string, boolean][]; // name, path, readOnly
  volumes: [string, string, string][]; // name, hostPath, type
}

function staticPodSpecs(ip: string): StaticPodSpec[] {
  const pki = '/etc/kubernetes/pki';
  return [
    {
      component: 'etcd',
      image: ETCD_IMAGE,
      command: ['etcd', `--advertise-client-urls=https://${ip}:2379`, `--cert-file=${pki}/etcd/server.crt`, '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd', '--experimental-initial-corrupt-check=true', '--experimental-watch-progress-notify-interval=5s',
        `--initial-advertise-peer-urls=https://${ip}:2380`, `--initial-cluster=controlplane=https://${ip}:2380`, `--key-file=${pki}/etcd/server.key`,
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`, '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${ip}:2380`, '--name=controlplane', `--peer-cert-file=${pki}/etcd/peer.crt`, '--peer-client-cert-auth=true',
        `--peer-key-file=${pki}/etcd/peer.key`, `--peer-trusted-ca-file=${pki}/etcd/ca.crt`, '--snapshot-count=10000', `--trusted-ca-file=${pki}/etcd/ca.crt`],
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
      requests: { cpu: '100m', memory: '100Mi' },
      probe: { path: '/livez', port: 2381, scheme: 'HTTP', host: '127.0.0.1' },
      startup: true,
      readiness: { path: '/readyz', port: 2381, scheme: 'HTTP' },
      mounts: [['etcd-data', '/var/lib/etcd', false], ['etcd-certs', `${pki}/etcd`, false]],
      volumes: [['etcd-certs', `${pki}/etcd`, 'DirectoryOrCreate'], ['etcd-data', '/var/lib/etcd', 'DirectoryOrCreate']],
    },
    {
      component: 'kube-apiserver',
      image: `registry.k8s.io/kube-apiserver:${KUBE_VERSION}`,
      command: ['kube-apiserver', `--advertise-address=${ip}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC',
        `--client-ca-file=${pki}/ca.crt`, '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true',
        `--etcd-cafile=${pki}/etcd/ca.crt`, `--etcd-certfile=${pki}/apiserver-etcd-client.crt`, `--etcd-keyfile=${pki}/apiserver-etcd-client.key`,
        '--etcd-servers=https://127.0.0.1:2379', `--kubelet-client-certificate=${pki}/apiserver-kubelet-client.crt`,
        `--kubelet-client-key=${pki}/apiserver-kubelet-client.key`, '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        `--proxy-client-cert-file=${pki}/front-proxy-client.crt`, `--proxy-client-key-file=${pki}/front-proxy-client.key`,
        '--requestheader-allowed-names=front-proxy-client', `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`,
        '--requestheader-extra-headers-prefix=X-Remote-Extra-', '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User', '--secure-port=6443', '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${pki}/sa.pub`, `--service-account-signing-key-file=${pki}/sa.key`, `--service-cluster-ip-range=${SERVICE_SUBNET}`,
        `--tls-cert-file=${pki}/apiserver.crt`, `--tls-private-key-file=${pki}/apiserver.key`],
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
      requests: { cpu: '250m' },
      probe: { path: '/livez', port: 6443, scheme: 'HTTPS', host: ip },
      startup: true,
      readiness: { path: '/readyz', port: 6443, scheme: 'HTTPS' },
      mounts: [['ca-certs', '/etc/ssl/certs', true], ['etc-ca-certificates', '/etc/ca-certificates', true], ['k8s-certs', pki, true],
        ['usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', true], ['usr-share-ca-certificates', '/usr/share/ca-certificates', true]],
      volumes: [['ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'], ['etc-ca-certificates', '/etc/ca-certificates', 'DirectoryOrCreate'],
        ['k8s-certs', pki, 'DirectoryOrCreate'], ['usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', 'DirectoryOrCreate'],
        ['usr-share-ca-certificates', '/usr/share/ca-certificates', 'DirectoryOrCreate']],
    },
    {
      component: 'kube-controller-manager',
      image: `registry.k8s.io/kube-controller-manager:${KUBE_VERSION}`,
      command: ['kube-controller-manager', '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1', `--client-ca-file=${pki}/ca.crt`,
        `--cluster-cidr=${POD_SUBNET}`, '--cluster-name=kubernetes', `--cluster-signing-cert-file=${pki}/ca.crt`, `--cluster-signing-key-file=${pki}/ca.key`,
        '--controllers=*,bootstrapsigner,tokencleaner', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true',
        `--requestheader-client-ca-file=${pki}/front-proxy-ca.crt`, `--root-ca-file=${pki}/ca.crt`, `--service-account-private-key-file=${pki}/sa.key`,
        `--service-cluster-ip-range=${SERVICE_SUBNET}`, '--use-service-account-credentials=true'],
      annotations: {},
      requests: { cpu: '200m' },
      probe: { path: '/healthz', port: 10257, scheme: 'HTTPS', host: '127.0.0.1' },
      startup: true,
      mounts: [['ca-certs', '/etc/ssl/certs', true], ['etc-ca-certificates', '/etc/ca-certificates', true],
        ['flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', false], ['k8s-certs', pki, true],
        ['kubeconfig', '/etc/kubernetes/controller-manager.conf', true], ['usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', true],
        ['usr-share-ca-certificates', '/usr/share/ca-certificates', true]],
      volumes: [['ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'], ['etc-ca-certificates', '/etc/ca-certificates', 'DirectoryOrCreate'],
        ['flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', 'DirectoryOrCreate'], ['k8s-certs', pki, 'DirectoryOrCreate'],
        ['kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate'], ['usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', 'DirectoryOrCreate'],
        ['usr-share-ca-certificates', '/usr/share/ca-certificates', 'DirectoryOrCreate']],
    },
    {
      component: 'kube-scheduler',
      image: `registry.k8s.io/kube-scheduler:${KUBE_VERSION}`,
      command: ['kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
      annotations: {},
      requests: { cpu: '100m' },
      probe: { path: '/healthz', port: 10259, scheme: 'HTTPS', host: '127.0.0.1' },
      startup: true,
      mounts: [['kubeconfig', '/etc/kubernetes/scheduler.conf', true]],
      volumes: [['kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate']],
    },
  ];
}

function httpProbe(p: { path: string; port: number; scheme: string; host?: string }, failureThreshold: number, initialDelaySeconds: number, timeoutSeconds: number): any {
  const httpGet: any = {};
  if (p.host) httpGet.host = p.host;
  Object.assign(httpGet, { path: p.path, port: p.port, scheme: p.scheme });
  return { failureThreshold, httpGet, initialDelaySeconds, periodSeconds: 10, successThreshold: 1, timeoutSeconds };
}

function staticPod(s: StaticPodSpec, node: KObject, now: string): KObject {
  const nodeName = node.metadata!.name!;
  const ip = node.status.addresses[0].address;
  const hash = hex(`${s.component}/${nodeName}`);
  const container: any = {
    command: s.command,
    image: s.image,
    imagePullPolicy: 'IfNotPresent',
    livenessProbe: httpProbe(s.probe, 8, 10, 15),
    name: s.component,
    resources: { requests: s.requests },
  };
  if (s.readiness) container.readinessProbe = httpProbe({ ...s.readiness, host: s.probe.host }, 3, 0, 15);
  if (s.startup) container.startupProbe = httpProbe(s.probe, 24, 10, 15);
  container.volumeMounts = s.mounts.map(([name, mountPath, readOnly]) => (readOnly ? { mountPath, name, readOnly } : { mountPath, name }));
  const pod: KObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      annotations: {
        ...s.annotations,
        'kubernetes.io/config.hash': hash,
        'kubernetes.io/config.mirror': hash,
        'kubernetes.io/config.seen': now.replace('Z', '.000000000Z'),
        'kubernetes.io/config.source': 'file',
      },
      labels: { component: s.component, tier: 'control-plane' },
      name: `${s.component}-${nodeName}`,
      namespace: 'kube-system',
      ownerReferences: [{ apiVersion: 'v1', controller: true, kind: 'Node', name: nodeName, uid: node.metadata!.uid! }],
    },
    spec: {
      containers: [container],
      hostNetwork: true,
      nodeName,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
      volumes: s.volumes.map(([name, path, type]) => ({ hostPath: { path, type }, name })),
    },
  };
  const ready = (type: string) => ({ lastProbeTime: null, lastTransitionTime: now, status: 'True', type });
  const [repo, tag] = [s.image.slice(0, s.image.lastIndexOf(':')), s.image.slice(s.image.lastIndexOf(':') + 1)];
  void tag;
  pod.status = {
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(ready),
    containerStatuses: [{
      containerID: `containerd://${hex(`container/${s.component}/${nodeName}`, 64)}`,
      image: s.image,
      imageID: `${repo}@sha256:${hex(`image/${s.image}`, 64)}`,
      lastState: {},
      name: s.component,
      ready: true,
      restartCount: 0,
      started: true,
      state: { running: { startedAt: now } },
    }],
    hostIP: ip,
    hostIPs: [{ ip }],
    phase: 'Running',
    podIP: ip,
    podIPs: [{ ip }],
    qosClass: 'Burstable',
    startTime: now,
  };
  return applyDefaults(pod);
}

const COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success cluster.local
       disable denial cluster.local
    }
    loop
    reload
    loadbalance
}
`;

function clusterConfiguration(ip: string): string {
  return `apiServer: {}
apiVersion: kubeadm.k8s.io/v1beta4
caCertificateValidityPeriod: 87600h0m0s
certificateValidityPeriod: 8760h0m0s
certificatesDir: /etc/kubernetes/pki
clusterName: kubernetes
controlPlaneEndpoint: ${ip}:6443
controllerManager: {}
dns: {}
encryptionAlgorithm: RSA-2048
etcd:
  local:
    dataDir: /var/lib/etcd
imageRepository: registry.k8s.io
kind: ClusterConfiguration
kubernetesVersion: ${KUBE_VERSION}
networking:
  dnsDomain: cluster.local
  podSubnet: ${POD_SUBNET}
  serviceSubnet: ${SERVICE_SUBNET}
proxy: {}
scheduler: {}
`;
}

const KUBELET_CONFIG = `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- ${DNS_IP}
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;

function kubeProxyConfig(): string {
  return `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
bindAddressHardFail: false
clientConnection:
  acceptContentTypes: ""
  burst: 0
  contentType: ""
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
  qps: 0
clusterCIDR: ${POD_SUBNET}
configSyncPeriod: 0s
conntrack:
  maxPerCore: null
  min: null
  tcpBeLiberal: false
  tcpCloseWaitTimeout: null
  tcpEstablishedTimeout: null
  udpStreamTimeout: 0s
  udpTimeout: 0s
detectLocal:
  bridgeInterface: ""
  interfaceNamePrefix: ""
detectLocalMode: ""
enableProfiling: false
healthzBindAddress: ""
hostnameOverride: ""
iptables:
  localhostNodePorts: null
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
ipvs:
  excludeCIDRs: null
  minSyncPeriod: 0s
  scheduler: ""
  strictARP: false
  syncPeriod: 0s
  tcpFinTimeout: 0s
  tcpTimeout: 0s
  udpTimeout: 0s
kind: KubeProxyConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
metricsBindAddress: ""
mode: ""
nftables:
  masqueradeAll: false
  masqueradeBit: null
  minSyncPeriod: 0s
  syncPeriod: 0s
nodePortAddresses: null
oomScoreAdj: null
portRange: ""
showHiddenMetricsForVersion: ""
winkernel:
  enableDSR: false
  forwardHealthCheckVip: false
  networkName: ""
  rootHnsEndpointName: ""
  sourceVip: ""
`;
}

function kubeconfig(server: string, caData: string, withUser: boolean): string {
  if (withUser) {
    return `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: ${server}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
`;
  }
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${caData}
    server: ${server}
  name: ""
contexts: null
current-context: ""
kind: Config
preferences: {}
users: null
`;
}

function cm(ns: string, name: string, data: Record<string, string>, labels?: Record<string, string>, annotations?: Record<string, string>): KObject {
  const metadata: any = { name, namespace: ns };
  if (annotations) metadata.annotations = annotations;
  if (labels) metadata.labels = labels;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data };
}

function corednsDeployment(): KObject {
  const labels = { 'k8s-app': 'kube-dns' };
  return applyDefaults({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { labels, name: 'coredns', namespace: 'kube-system' },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 }, type: 'RollingUpdate' },
      template: {
        metadata: { labels },
        spec: {
          affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' }, weight: 100 }] } },
          containers: [{
            args: ['-conf', '/etc/coredns/Corefile'],
            image: COREDNS_IMAGE,
            imagePullPolicy: 'IfNotPresent',
            livenessProbe: { failureThreshold: 5, httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 5 },
            name: 'coredns',
            ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' }, { containerPort: 9153, name: 'metrics', protocol: 'TCP' }],
            readinessProbe: { failureThreshold: 3, httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
            resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
            securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
            volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
          }],
          dnsPolicy: 'Default',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-cluster-critical',
          serviceAccountName: 'coredns',
          tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }],
          volumes: [{ configMap: { items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' }],
        },
      },
    },
  });
}

function kubeProxyDaemonSet(): KObject {
  const labels = { 'k8s-app': 'kube-proxy' };
  return applyDefaults({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { labels, name: 'kube-proxy', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{
            command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
            env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
            image: `registry.k8s.io/kube-proxy:${KUBE_VERSION}`,
            imagePullPolicy: 'IfNotPresent',
            name: 'kube-proxy',
            securityContext: { privileged: true },
            volumeMounts: [{ mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' }, { mountPath: '/run/xtables.lock', name: 'xtables-lock' }, { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true }],
          }],
          hostNetwork: true,
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          priorityClassName: 'system-node-critical',
          serviceAccountName: 'kube-proxy',
          tolerations: [{ operator: 'Exists' }],
          volumes: [
            { configMap: { name: 'kube-proxy' }, name: 'kube-proxy' },
            { hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' }, name: 'xtables-lock' },
            { hostPath: { path: '/lib/modules', type: '' }, name: 'lib-modules' },
          ],
        },
      },
      updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' },
    },
  });
}

function kubeDnsService(): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      name: 'kube-dns',
      namespace: 'kube-system',
    },
    spec: {
      clusterIP: DNS_IP,
      clusterIPs: [DNS_IP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  };
}

/** The kube-system ServiceAccounts of a kubeadm cluster (kube-controller-manager's per-controller credentials and the add-ons'). */
const KUBE_SYSTEM_SERVICE_ACCOUNTS = [
  'attachdetach-controller', 'bootstrap-signer', 'certificate-controller', 'clusterrole-aggregation-controller', 'coredns',
  'cronjob-controller', 'daemon-set-controller', 'deployment-controller', 'disruption-controller', 'endpoint-controller',
  'endpointslice-controller', 'endpointslicemirroring-controller', 'ephemeral-volume-controller', 'expand-controller',
  'generic-garbage-collector', 'horizontal-pod-autoscaler', 'job-controller', 'kube-proxy', 'legacy-service-account-token-cleaner',
  'namespace-controller', 'node-controller', 'persistent-volume-binder', 'pod-garbage-collector', 'pv-protection-controller',
  'pvc-protection-controller', 'replicaset-controller', 'replication-controller', 'resourcequota-controller', 'root-ca-cert-publisher',
  'service-account-controller', 'service-cidrs-controller', 'statefulset-controller', 'token-cleaner', 'ttl-after-finished-controller', 'ttl-controller',
  'validatingadmissionpolicy-status-controller',
];

/** Nodes of the kubeadm profile (created in place of the default profile's node-1 ...). */
export function addKubeadmNodes(c: Cluster, n: number): void {
  kubeadmNodeNames(n).forEach((name, i) => c.create('nodes', kubeadmNode(name, i, c.nowRFC3339())));
}

/** Everything else kubeadm init and its add-on phase leave in the cluster. */
export function addKubeadmObjects(c: Cluster, caCrt: string): void {
  const now = c.nowRFC3339();
  const cp = c.get('nodes', undefined, 'controlplane')!;
  const ip: string = cp.status.addresses[0].address;
  for (const s of staticPodSpecs(ip)) c.create('pods', staticPod(s, cp, now));
  for (const sa of KUBE_SYSTEM_SERVICE_ACCOUNTS) {
    if (!c.get('serviceaccounts', 'kube-system', sa)) c.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: 'kube-system' } });
  }
  const caData = Buffer.from(caCrt).toString('base64');
  c.create('configmaps', cm('kube-system', 'coredns', { Corefile: COREFILE }));
  c.create('configmaps', cm('kube-system', 'kubeadm-config', { ClusterConfiguration: clusterConfiguration(ip) }));
  c.create('configmaps', cm('kube-system', 'kubelet-config', { kubelet: KUBELET_CONFIG }, undefined, { 'kubeadm.kubernetes.io/component-config.hash': `sha256:${hex('kubelet-config', 64)}` }));
  c.create('configmaps', cm('kube-system', 'kube-proxy', { 'config.conf': kubeProxyConfig(), 'kubeconfig.conf': kubeconfig(`https://${ip}:6443`, caData, true) }, { app: 'kube-proxy' }));
  c.create('configmaps', cm('kube-public', 'cluster-info', { kubeconfig: kubeconfig(`https://${ip}:6443`, caData, false) }));
  c.create('services', kubeDnsService());
  c.create('deployments', corednsDeployment());
  c.create('daemonsets', kubeProxyDaemonSet());
}
