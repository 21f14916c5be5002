// The cluster's DNS as a pod sees it (kubelet --cluster-dns and --cluster-domain, kubeadm's defaults).
// A module of its own: it is read at load time by modules that the filesystem's imports reach.
export const CLUSTER_DNS = '10.96.0.10';
export const CLUSTER_DOMAIN = 'cluster.local';
