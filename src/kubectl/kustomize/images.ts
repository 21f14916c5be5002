// The `images:` transformer (ImageTagTransformer): rewrites container images by image name.
import type { KObject } from '../../api/types.js';
import { containersOf, podSpecOf } from './podspecs.js';

export interface ImageSpec { name: string; newName?: string; newTag?: string; digest?: string }

/** image.Split: name, then ":tag" or "@digest" (a registry port's colon is not a tag). */
export function splitImage(image: string): { name: string; tag: string; digest: string } {
  let rest = image, digest = '', tag = '';
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  return { name: rest, tag, digest };
}

function rewrite(image: string, spec: ImageSpec): string | undefined {
  const cur = splitImage(image);
  if (cur.name !== spec.name) return undefined;
  const name = spec.newName || cur.name;
  if (spec.digest) return `${name}@${spec.digest}`;
  if (spec.newTag) return `${name}:${spec.newTag}`;
  if (cur.digest) return `${name}${cur.tag ? ':' + cur.tag : ''}@${cur.digest}`;
  return cur.tag ? `${name}:${cur.tag}` : name;
}

export function applyImages(objs: KObject[], images: ImageSpec[]): void {
  for (const obj of objs) {
    const spec = podSpecOf(obj);
    if (!spec) continue;
    for (const c of containersOf(spec)) {
      if (typeof c?.image !== 'string') continue;
      for (const im of images) {
        const next = rewrite(c.image, im);
        if (next !== undefined) { c.image = next; break; }
      }
    }
  }
}
