// kubectl debug's client-side objects (staging/src/k8s.io/kubectl/pkg/cmd/debug debug.go and
// profiles.go): the ephemeral debug container added to a pod, the copy of a pod with a debug
// container, the node debugging pod, and the profiles that adjust them.
import { readFileSync } from 'node:fs';
import type { KObject } from '../api/types.js';
import { UserError } from '../api/errors.js';
import { goType } from '../api/goschema.js';
import { yamlToJsonValue } from '../api/decode.js';
import { strategicMergePatch } from './patch.js';

export interface KeepFlags { labels: boolean; annotations: boolean; liveness: boolean; readiness: boolean; startup: boolean; initContainers: boolean }

export interface DebugOptions {
  args: string[];
  argsOnly: boolean;
  container: string;
  copyTo: string;
  env: { name: string; value: string }[];
  image: string;
  interactive: boolean;
  tty: boolean;
  pullPolicy: string;
  quiet: boolean;
  sameNode: boolean;
  setImages: Record<string, string>;
  shareProcesses: boolean;
  shareProcessesChanged: boolean;
  targetContainer: string;
  profile: string;
  /** --custom: a partial container spec merged onto the debug container after the profile */
  custom?: Record<string, any>;
  keep: KeepFlags;
  /** nameSuffixFunc: utilrand.String(5) from the cluster's random stream */
  suffix: () => string;
  /** o.Out */
  out: (t: string) => void;
}

type Style = 'ephemeral' | 'podCopy' | 'node';

// ---- profiles.go: what each profile does to the container `name` of `pod`, per debug style

const allContainers = (p: KObject): any[] => [...(p.spec?.initContainers || []), ...(p.spec?.containers || []), ...(p.spec?.ephemeralContainers || [])];
const visit = (p: KObject, name: string, f: (c: any) => void) => { const c = allContainers(p).find((x) => x.name === name); if (c) f(c); };
const sc = (c: any) => (c.securityContext ||= {});

function mountRootPartition(p: KObject, name: string): void {
  p.spec.volumes = [...(p.spec.volumes || []), { name: 'host-root', hostPath: { path: '/' } }];
  const c = (p.spec.containers || []).find((x: any) => x.name === name);
  if (c) c.volumeMounts = [...(c.volumeMounts || []), { mountPath: '/host', name: 'host-root' }];
}
function useHostNamespaces(p: KObject): void { p.spec.hostNetwork = true; p.spec.hostPID = true; p.spec.hostIPC = true; }
function shareProcessNamespace(p: KObject): void { if (p.spec.shareProcessNamespace === undefined) p.spec.shareProcessNamespace = true; }
function clearSecurityContext(p: KObject, n: string): void { visit(p, n, (c) => { delete c.securityContext; }); }
function addCapability(c: any, cap: string): void { const s = sc(c); s.capabilities ||= {}; s.capabilities.add = [...(s.capabilities.add || []), cap]; }
function removeLabels(p: KObject, k: KeepFlags): void { if (!k.labels) delete p.metadata!.labels; }
function removeAnnotations(p: KObject, k: KeepFlags): void { if (!k.annotations) delete p.metadata!.annotations; }
function removeProbes(p: KObject, k: KeepFlags): void {
  for (const c of p.spec.containers || []) {
    if (!k.liveness) delete c.livenessProbe;
    if (!k.readiness) delete c.readinessProbe;
    if (!k.startup) delete c.startupProbe;
  }
}
function removeInitContainers(p: KObject, k: KeepFlags): void { if (!k.initContainers) delete p.spec.initContainers; }
function copyDefaults(p: KObject, k: KeepFlags): void {
  removeLabels(p, k); removeAnnotations(p, k); removeProbes(p, k); removeInitContainers(p, k); shareProcessNamespace(p);
}

type Apply = (p: KObject, name: string, style: Style, k: KeepFlags) => void;

const PROFILES: Record<string, Apply> = {
  legacy: (p, n, style, k) => {
    if (style === 'node') { mountRootPartition(p, n); useHostNamespaces(p); } else removeLabels(p, style === 'podCopy' ? { ...k, labels: false } : k);
  },
  general: (p, n, style, k) => {
    if (style === 'node') { mountRootPartition(p, n); clearSecurityContext(p, n); useHostNamespaces(p); return; }
    if (style === 'podCopy') { removeLabels(p, k); removeAnnotations(p, k); removeProbes(p, k); removeInitContainers(p, k); visit(p, n, (c) => addCapability(c, 'SYS_PTRACE')); shareProcessNamespace(p); return; }
    removeLabels(p, k); visit(p, n, (c) => addCapability(c, 'SYS_PTRACE'));
  },
  baseline: (p, n, style, k) => {
    clearSecurityContext(p, n);
    if (style === 'podCopy') copyDefaults(p, k); else if (style === 'ephemeral') removeLabels(p, k);
  },
  restricted: (p, n, style, k) => {
    clearSecurityContext(p, n);
    visit(p, n, (c) => {
      const s = sc(c);
      s.runAsNonRoot = true;
      s.capabilities = { ...(s.capabilities || {}), drop: ['ALL'] };
      delete s.capabilities.add;
      s.allowPrivilegeEscalation = false;
      s.seccompProfile = { type: 'RuntimeDefault' };
    });
    if (style === 'podCopy') copyDefaults(p, k); else if (style === 'ephemeral') removeLabels(p, k);
  },
  netadmin: (p, n, style, k) => {
    visit(p, n, (c) => { addCapability(c, 'NET_ADMIN'); addCapability(c, 'NET_RAW'); });
    if (style === 'node') useHostNamespaces(p); else if (style === 'podCopy') copyDefaults(p, k); else removeLabels(p, k);
  },
  sysadmin: (p, n, style, k) => {
    visit(p, n, (c) => { sc(c).privileged = true; });
    if (style === 'node') { useHostNamespaces(p); mountRootPartition(p, n); } else if (style === 'podCopy') copyDefaults(p, k); else removeLabels(p, k);
  },
};

/** NewProfileApplier */
export function checkProfile(profile: string): void {
  if (!PROFILES[profile]) throw new UserError(`error: unknown profile: ${profile}`);
}

// ---- debug.go

/**
 * Complete's reading of --custom (a corev1.Container: JSON, else YAML; fields the type does not have are dropped as
 * json.Unmarshal drops them).
 */
export function readCustomProfile(file: string): Record<string, any> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as NodeJS.ErrnoException).code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new UserError(`error: must pass a container spec json file for custom profile: open ${file}: ${why}`);
  }
  let v: any;
  try {
    v = JSON.parse(text);
  } catch {
    try {
      v = yamlToJsonValue(text, { lineOne: true });
    } catch (e) {
      throw new UserError(`error: ${file} does not contain a valid container spec: error converting YAML to JSON: ${(e as Error).message}`);
    }
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new UserError(`error: ${file} does not contain a valid container spec: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number'} into Go value of type v1.Container`);
  }
  const known = new Set((goType('v1.Container').fields ?? []).map((f) => f.json));
  const custom: Record<string, any> = {};
  for (const [k, x] of Object.entries(v)) if (known.has(k) && x !== null) custom[k] = x;
  return custom;
}

/** Validate: what a custom profile may not set. */
export function checkCustomProfile(custom: Record<string, any>): void {
  const empty = (x: any) => x === undefined || x === '' || (Array.isArray(x) && !x.length);
  if (!empty(custom.name) || !empty(custom.command) || !empty(custom.image) || custom.lifecycle !== undefined || !empty(custom.volumeDevices)) {
    throw new UserError('error: name, command, image, lifecycle and volume devices are not modifiable via custom profile');
  }
}

/** applyCustomProfile(Ephemeral): the custom spec, named as the container, strategically merged onto it. */
function applyCustom(o: DebugOptions, containers: any[], name: string): void {
  if (!o.custom) return;
  const i = containers.findIndex((c) => c.name === name);
  if (i < 0) return;
  containers[i] = strategicMergePatch(containers[i], { ...o.custom, name }, 'v1.Container');
}

function containerNames(pod: KObject): Set<string> {
  return new Set(allContainers(pod).map((c) => c.name));
}

/** computeDebugContainerName: -c, or a fresh debugger-xxxxx (announced on stdout) */
function computeDebugContainerName(o: DebugOptions, pod: KObject): string {
  if (o.container) return o.container;
  const names = containerNames(pod);
  let cn = '';
  while (!cn || names.has(cn)) cn = `debugger-${o.suffix()}`;
  if (!o.quiet) o.out(`Defaulting debug container name to ${cn}.\n`);
  return cn;
}

function command(o: DebugOptions, c: any): void {
  if (!o.args.length) return;
  if (o.argsOnly) c.args = o.args; else c.command = o.args;
}

/** generateDebugContainer: the pod with the new ephemeral container appended, and its name */
export function generateDebugContainer(o: DebugOptions, pod: KObject): { pod: KObject; name: string } {
  const name = computeDebugContainerName(o, pod);
  const ec: any = { name };
  if (o.env.length) ec.env = o.env;
  ec.image = o.image;
  if (o.pullPolicy) ec.imagePullPolicy = o.pullPolicy;
  // the Go struct's ResourceRequirements is marshalled as {} into the patch, and stored so
  ec.resources = {};
  if (o.interactive) ec.stdin = true;
  ec.terminationMessagePolicy = 'File';
  if (o.tty) ec.tty = true;
  if (o.targetContainer) ec.targetContainerName = o.targetContainer;
  command(o, ec);
  const copied: KObject = JSON.parse(JSON.stringify(pod));
  copied.spec.ephemeralContainers = [...(copied.spec.ephemeralContainers || []), ec];
  PROFILES[o.profile](copied, name, 'ephemeral', o.keep);
  applyCustom(o, copied.spec.ephemeralContainers, name);
  return { pod: copied, name };
}

/** generateNodeDebugPod: a pod in the node's host namespaces, bound to it, tolerating everything */
export function generateNodeDebugPod(o: DebugOptions, node: KObject): KObject {
  const cn = o.container || 'debugger';
  const pn = `node-debugger-${node.metadata!.name}-${o.suffix()}`;
  if (!o.quiet) o.out(`Creating debugging pod ${pn} with container ${cn} on node ${node.metadata!.name}.\n`);
  const c: any = { name: cn };
  if (o.env.length) c.env = o.env;
  c.image = o.image;
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  if (o.interactive) c.stdin = true;
  c.terminationMessagePolicy = 'File';
  if (o.tty) c.tty = true;
  command(o, c);
  const p: KObject = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: pn, labels: { 'app.kubernetes.io/managed-by': 'kubectl-debug' } },
    spec: { containers: [c], nodeName: node.metadata!.name, restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] },
  };
  PROFILES[o.profile](p, cn, 'node', o.keep);
  applyCustom(o, p.spec.containers, cn);
  return p;
}

/** generatePodCopyWithDebugContainer: the copy, and the container to attach to ('' for a --set-image only copy) */
export function generatePodCopyWithDebugContainer(o: DebugOptions, pod: KObject): { pod: KObject; name: string } {
  const md: any = { name: o.copyTo, namespace: pod.metadata!.namespace };
  if (pod.metadata?.annotations) md.annotations = { ...pod.metadata.annotations };
  if (pod.metadata?.labels) md.labels = { ...pod.metadata.labels };
  const copied: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: md, spec: JSON.parse(JSON.stringify(pod.spec || {})) };
  delete copied.spec.ephemeralContainers;
  if (o.shareProcessesChanged) copied.spec.shareProcessNamespace = o.shareProcesses;
  if (!o.sameNode) delete copied.spec.nodeName;
  for (const c of copied.spec.containers || []) {
    const override = o.setImages[c.name] ?? o.setImages['*'];
    if (override) c.image = override;
  }
  let name = o.container;
  let c = allContainers(copied).find((x) => x.name === name && name);
  if (!c) {
    if (!o.image) {
      if (Object.keys(o.setImages).length) return { pod: copied, name: '' };
      throw new UserError('error: you must specify image when creating new container');
    }
    if (!name) name = computeDebugContainerName(o, copied);
    c = { name, terminationMessagePolicy: 'File' };
    copied.spec.containers = [...(copied.spec.containers || []), c];
  }
  if (o.args.length) {
    if (o.argsOnly) c.args = o.args;
    else { c.command = o.args; delete c.args; }
  }
  if (o.env.length) c.env = o.env;
  if (o.image) c.image = o.image;
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  if (o.interactive) c.stdin = true; else delete c.stdin;
  if (o.tty) c.tty = true; else delete c.tty;
  PROFILES[o.profile](copied, c.name, 'podCopy', o.keep);
  applyCustom(o, copied.spec.containers, c.name);
  return { pod: copied, name };
}
