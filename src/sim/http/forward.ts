// What the kubelet (containerd) says when a port-forward finds nothing listening on the pod's port:
// the text of the port-forward's error stream, which kubectl prints after
// "an error occurred forwarding LOCAL -> REMOTE: ".
import { createHash } from 'node:crypto';

export function forwardRefused(podUid: string, port: number): string {
  // the pod sandbox's network namespace, as containerd names it in its errors
  const netns = createHash('sha256').update(`netns/${podUid}`).digest('hex');
  const cni = `cni-${netns.slice(0, 8)}-${netns.slice(8, 12)}-${netns.slice(12, 16)}-${netns.slice(16, 20)}-${netns.slice(20, 32)}`;
  return `error forwarding port ${port} to pod ${netns}, uid : failed to execute portforward in network namespace "/var/run/netns/${cni}": failed to connect to localhost:${port} inside namespace "${netns}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
}
