// kubectl create deployment NAME --image=... : the object kubectl builds client-side
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_deployment.go), in Go struct field order so
// that `-o json` prints exactly as kubectl does.
import type { KObject } from '../api/types.js';
import { UserError } from '../api/errors.js';
import type { Rng } from '../sim/rng.js';

/** Container name from an image: last path element, no tag or digest; `_`/`.` sanitised + random suffix. */
export function containerNameFor(image: string, rng: Rng): string {
  let name = image.split('/').pop()!;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  if (/[_.]/.test(name)) name = `${name.replace(/_/g, '-').replace(/\./g, '-')}-${rng.string(5)}`;
  return name;
}

export function buildDeployment(name: string, images: string[], replicas: number, port: number | undefined, namespace: string | undefined, rng: Rng): KObject {
  if (!images.length) throw new UserError(`error: required flag(s) "image" not set`);
  const labels = { app: name };
  const containers = images.map((image) => {
    const c: any = { name: containerNameFor(image, rng), image };
    if (port !== undefined && port >= 0) c.ports = [{ containerPort: port }];
    c.resources = {};
    return c;
  });
  const metadata: any = { name };
  if (namespace) metadata.namespace = namespace;
  metadata.creationTimestamp = null;
  metadata.labels = labels;
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata,
    spec: {
      replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}
