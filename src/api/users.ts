// Who makes a request, as the API server's authenticators hand it on (user.Info), and the user kubesim's
// own kubeconfig stands for.

export interface UserInfo {
  name: string;
  groups: string[];
}

/** The user of kubesim's kubeconfig: kubeadm's admin.conf client certificate (v1.29+). */
export const DEFAULT_USER: UserInfo = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
