// What pulling an image gives right now: the registry's answer (images.ts), unless `kubesim fault
// image --pull=fail|slow=D` says the registry cannot be reached or is slow.
import type { Cluster } from '../../store/cluster.js';
import { resolveImage } from '../images.js';
import { imageFault, pullFaultError } from '../../sim/faults.js';

export interface PullOutcome {
  pullable: boolean;
  /** the CRI error when not pullable */
  error?: string;
  /** how long the pull takes (ms), when a fault slows it */
  duration?: number;
}

export function pullOutcome(cluster: Cluster, image: string): PullOutcome {
  const img = resolveImage(image);
  const pull = imageFault(cluster, image)?.pull;
  if (pull === 'fail' && img.pullable) return { pullable: false, error: pullFaultError(img.ref, image) };
  if (!img.pullable) return { pullable: false, error: img.error };
  return { pullable: true, duration: typeof pull === 'object' ? pull.slow : undefined };
}
