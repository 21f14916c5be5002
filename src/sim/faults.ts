// `kubesim fault`: faults injected into the simulation, kept in the cluster state (controllers.faults)
// and consulted where the real fault would act: the kubelet's image pull (pull fail or slow), the
// container's process (crash after a while), the kubelet's probes (readiness fail or pass, liveness
// fail) and the workload's HTTP answers (latency, a share of 5xx). A node fault is the node's kubelet
// stopped (nodelifecycle/kubeletstop.ts), not stored here.
import type { Cluster } from '../store/cluster.js';
import { normalizeImage } from '../controllers/images.js';
import { goDurationString } from './clock.js';

export interface ImageFault {
  /** pulls fail (containerd cannot reach the registry), or take this long (ms) */
  pull?: 'fail' | { slow: number };
  /** the container's process exits with code 1 this long (ms) after it started */
  crashAfter?: number;
  /** readiness probes fail, or succeed whatever the workload answers */
  readiness?: 'fail' | 'pass';
  /** liveness probes fail */
  liveness?: 'fail';
  /** every HTTP answer comes this much (ms) later */
  latency?: number;
  /** this share (0..1] of HTTP requests is answered 500 */
  errors?: number;
}

export interface FaultState {
  /** image as given (nginx, nginx:1.27, luksa/kubia:v3) -> its faults */
  images: Record<string, ImageFault>;
}

/** The fault state, or undefined when no fault was ever set (read-only callers never create it). */
function peek(cluster: Cluster): FaultState | undefined {
  return cluster.state.controllers?.faults as FaultState | undefined;
}

export function faultState(cluster: Cluster): FaultState {
  return cluster.controllerState<FaultState>('faults', () => ({ images: {} }));
}

/**
 * Does a fault set for `pattern` apply to `image`? A pattern without a tag or digest matches every tag
 * of its repository (nginx: nginx:1.27, docker.io/library/nginx:latest ...); with one, that reference only.
 */
export function imageMatches(pattern: string, image: string): boolean {
  const p = normalizeImage(pattern);
  const i = normalizeImage(image);
  if (p.repo !== i.repo) return false;
  const tagged = /:[^/]*$/.test(pattern.split('@')[0]) || pattern.includes('@');
  if (!tagged) return true;
  if (p.digest) return p.digest === i.digest;
  return p.tag === i.tag;
}

/** The faults that apply to a container image (tagged patterns override repository-wide ones). */
export function imageFault(cluster: Cluster, image: string | undefined): ImageFault | undefined {
  const st = peek(cluster);
  if (!st || !image) return undefined;
  let out: ImageFault | undefined;
  const keys = Object.keys(st.images).sort((a, b) => a.length - b.length);
  for (const k of keys) if (imageMatches(k, image)) out = { ...(out || {}), ...st.images[k] };
  return out;
}

/** Whether the `n`th request (0-based) a container answers falls in the error share `rate`: spread evenly. */
export function failsRequest(rate: number, n: number): boolean {
  if (rate >= 1) return true;
  return Math.floor((n + 1) * rate) > Math.floor(n * rate);
}

/** The registry host an image is pulled from (registry-1.docker.io for Docker Hub). */
export function registryHost(image: string): string {
  const repo = normalizeImage(image).repo;
  const host = repo.split('/')[0];
  return host === 'docker.io' ? 'registry-1.docker.io' : host;
}

/** containerd's error for a pull whose registry cannot be reached. */
export function pullFaultError(ref: string, image: string): string {
  const n = normalizeImage(image);
  const host = registryHost(image);
  const path = n.repo.split('/').slice(1).join('/');
  const manifest = n.digest ?? n.tag ?? 'latest';
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ` +
    `failed to do request: Head "https://${host}/v2/${path}/manifests/${manifest}": dial tcp: lookup ${host}: i/o timeout`;
}

/** `pull=fail, readiness=fail, latency=300ms`: a fault as the user would set it again. */
export function describeFault(f: ImageFault): string {
  const parts: string[] = [];
  if (f.pull === 'fail') parts.push('pull=fail');
  else if (f.pull) parts.push(`pull=slow=${goDurationString(f.pull.slow)}`);
  if (f.crashAfter !== undefined) parts.push(`crash-after=${goDurationString(f.crashAfter)}`);
  if (f.readiness) parts.push(`readiness=${f.readiness}`);
  if (f.liveness) parts.push(`liveness=${f.liveness}`);
  if (f.latency !== undefined) parts.push(`latency=${goDurationString(f.latency)}`);
  if (f.errors !== undefined) parts.push(`errors=${parseFloat((f.errors * 100).toFixed(2))}%`);
  return parts.join(', ');
}

/** Add faults to an image (a field given again replaces the earlier value). Returns the image's faults. */
export function setImageFault(cluster: Cluster, image: string, f: ImageFault): ImageFault {
  const st = faultState(cluster);
  const merged = { ...(st.images[image] || {}), ...f };
  st.images[image] = merged;
  cluster.dirty = true;
  return merged;
}

/** Forget the faults of one image (exactly as it was given), or of all images. Returns the images cleared. */
export function clearImageFaults(cluster: Cluster, image?: string): string[] {
  const st = peek(cluster);
  if (!st) return [];
  const names = image === undefined ? Object.keys(st.images) : Object.keys(st.images).filter((k) => k === image);
  for (const k of names) delete st.images[k];
  if (names.length) cluster.dirty = true;
  return names;
}

export function listImageFaults(cluster: Cluster): [string, ImageFault][] {
  return Object.entries(peek(cluster)?.images || {});
}
