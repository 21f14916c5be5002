// What kubectl cp does (staging/src/k8s.io/kubectl/pkg/cmd/cp): file specs `[namespace/]pod:path` or
// local paths, checks, then a copy into or out of the container. kubesim: no tar stream; the files go
// straight into the simulated container filesystem (src/sim/shell/fs.ts: the rootfs, emptyDir and
// other writable volumes; ConfigMap and Secret mounts are read-only), with the messages tar prints
// in the container (busybox or GNU wording, by image) passed on as kubectl passes them on.
import fs from 'node:fs';
import path from 'node:path';
import { RawError, UserError } from '../api/errors.js';
import type { ContainerFS } from '../sim/shell/fs.js';

export interface FileSpec { namespace?: string; pod?: string; file: string }

/** extractFileSpec: `pod:path`, `namespace/pod:path`, or a local path. */
export function extractFileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i < 0) return { file: arg };
  const podPart = arg.slice(0, i);
  const file = arg.slice(i + 1);
  const slash = podPart.indexOf('/');
  if (slash >= 0) return { namespace: podPart.slice(0, slash), pod: podPart.slice(slash + 1), file };
  return { pod: podPart, file };
}

export interface CopyResult { stderr: string }

type Flavour = 'busybox' | 'gnu';

/** What tar in the container says, by the image's userland. */
const TAR = {
  leading: (f: Flavour) => (f === 'busybox' ? "tar: removing leading '/' from member names\n" : "tar: Removing leading `/' from member names\n"),
  missing: (f: Flavour, p: string) => (f === 'busybox' ? `tar: ${p}: No such file or directory\n` : `tar: ${p}: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n`),
  readOnly: (f: Flavour, p: string) => (f === 'busybox' ? `tar: can't open '${p}': Read-only file system\n` : `tar: ${p}: Cannot open: Read-only file system\ntar: Exiting with failure status due to previous errors\n`),
  code: (f: Flavour) => (f === 'busybox' ? 1 : 2),
};

function isDir(cfs: ContainerFS, p: string): boolean {
  return cfs.read(p.replace(/(.)\/+$/, '$1')) === 'EISDIR';
}

/** copyToPod: a local file or directory into the container. */
export function copyToPod(cfs: ContainerFS, flavour: Flavour, src: string, dest: string): CopyResult {
  if (!fs.existsSync(src)) throw new UserError(`error: ${src} doesn't exist in local filesystem`);
  let target = dest;
  // a destination ending in / or naming a directory receives the source under its own name
  if (target.endsWith('/') || isDir(cfs, target)) target = path.posix.join(target, path.basename(src));
  const files: [string, string][] = [];
  const walk = (local: string, remote: string) => {
    if (fs.statSync(local).isDirectory()) {
      files.push([remote + '/', '']);
      for (const e of fs.readdirSync(local).sort()) walk(path.join(local, e), path.posix.join(remote, e));
    } else files.push([remote, fs.readFileSync(local, 'utf8')]);
  };
  walk(src, target);
  for (const [p, content] of files) {
    const err = p.endsWith('/') ? cfs.mkdir(p.slice(0, -1)) : cfs.write(p, content, false);
    if (err === 'EROFS') {
      const rel = p.replace(/^\/+/, '');
      throw new RawError(TAR.readOnly(flavour, rel) + `command terminated with exit code ${TAR.code(flavour)}`, TAR.code(flavour));
    }
  }
  return { stderr: '' };
}

/** copyFromPod: a file or directory of the container to a local path. */
export function copyFromPod(cfs: ContainerFS, flavour: Flavour, src: string, dest: string): CopyResult {
  let stderr = src.startsWith('/') ? TAR.leading(flavour) : '';
  if (!cfs.exists(src)) {
    stderr += TAR.missing(flavour, src);
    throw new RawError(stderr + `command terminated with exit code ${TAR.code(flavour)}`, TAR.code(flavour));
  }
  const out: [string, string | undefined][] = [];
  const walk = (remote: string, local: string) => {
    const content = cfs.read(remote);
    if (content !== 'EISDIR' && content !== 'ENOENT') {
      out.push([local, content]);
      return;
    }
    out.push([local, undefined]);
    const l = cfs.list(remote);
    for (const e of Array.isArray(l) ? l : []) walk(path.posix.join(remote, e), path.join(local, e));
  };
  let target = dest;
  if (fs.existsSync(dest) && fs.statSync(dest).isDirectory() && !isDir(cfs, src)) target = path.join(dest, path.posix.basename(src));
  walk(src, target);
  for (const [p, content] of out) {
    if (content === undefined) fs.mkdirSync(p, { recursive: true });
    else {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
    }
  }
  return { stderr };
}

export function flavourOf(shell: string): Flavour {
  return shell === 'busybox' ? 'busybox' : 'gnu';
}

