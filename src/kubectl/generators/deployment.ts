// kubectl create deployment NAME --image=... [-- COMMAND ...]: the object kubectl builds client-side
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_deployment.go).
import type { KObject } from '../../api/types.js';
import { UserError } from '../../api/errors.js';
import type { Rng } from '../../sim/rng.js';
import { typedObject } from './typed.js';

/** Container name from an image: last path element, no tag or digest; `_`/`.` sanitised + random suffix (sanitizeAndUniquify). */
export function containerNameFor(image: string, rng: Rng): string {
  let name = image.split('/').pop()!;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  if (/[_.]/.test(name)) name = `${name.replace(/_/g, '-').replace(/\./g, '-')}-${rng.string(5)}`;
  return name;
}

export interface DeploymentOptions {
  name: string;
  images: string[];
  replicas: number;
  /** -1: no container port */
  port: number;
  command?: string[];
  namespace?: string;
}

/** CreateDeploymentOptions.Validate */
export function validateDeployment(o: DeploymentOptions): void {
  if (o.images.length > 1 && o.command && o.command.length) throw new UserError('cannot specify multiple --image options and command');
}

export function buildDeployment(o: DeploymentOptions, rng: Rng): KObject {
  const labels = { app: o.name };
  const containers = o.images.map((image) => ({ name: containerNameFor(image, rng), image, command: o.command }));
  if (o.port >= 0 && containers.length) (containers[0] as any).ports = [{ containerPort: o.port }];
  return typedObject({
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name: o.name, namespace: o.namespace, labels },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers } },
    },
  });
}
