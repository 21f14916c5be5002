// The schema data `npm run build` derives from the upstream OpenAPI models (scripts/build-schemas.mjs):
// dist/schemas/types.json (fields, types, required) and dist/schemas/docs.json (descriptions, enums).
// Read lazily, only by the commands that need them (explain, strict decoding of most kinds): a plain
// `get` never pays for them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ModelTypes {
  /** required JSON fields */
  r?: string[];
  /** [JSON name, type]: string boolean integer:int32 number:double string:date-time []T map[]T #Model IntOrString Quantity ... */
  p: [string, string][];
}

export interface SchemaTypes {
  models: Record<string, ModelTypes>;
  /** 'apps/v1/Deployment' -> model name */
  kinds: Record<string, string>;
}

export interface ModelDocs {
  d?: string;
  p?: Record<string, string>;
  e?: Record<string, string[]>;
}

/** dist/schemas, found from this module (dist/src/api/openapi or dist/bundle) or, in the snapshot, from KUBESIM_ROOT. */
function schemaDir(): string | undefined {
  const tries: string[] = [];
  if (process.env.KUBESIM_ROOT) tries.push(join(process.env.KUBESIM_ROOT, 'dist', 'schemas'));
  let here: string | undefined;
  try { here = dirname(fileURLToPath(import.meta.url)); } catch { here = undefined; }
  for (let dir = here; dir && dirname(dir) !== dir; dir = dirname(dir)) {
    tries.push(join(dir, 'schemas'), join(dir, 'dist', 'schemas'));
  }
  return tries.find((d) => existsSync(join(d, 'types.json')));
}

// a miss is not remembered: the startup snapshot is built before dist/schemas is found (no module URL there)
let types: SchemaTypes | undefined;
let docs: Record<string, ModelDocs> | undefined;

/** The types, or undefined when this build has no schema data (the packages were missing at build time). */
export function schemaTypes(): SchemaTypes | undefined {
  if (types === undefined) {
    const dir = schemaDir();
    if (dir) types = JSON.parse(readFileSync(join(dir, 'types.json'), 'utf8'));
  }
  return types;
}

export function schemaDocs(): Record<string, ModelDocs> {
  if (!docs) {
    const dir = schemaDir();
    if (dir && existsSync(join(dir, 'docs.json'))) docs = JSON.parse(readFileSync(join(dir, 'docs.json'), 'utf8'));
  }
  return docs ?? {};
}

/** The model of a kind (`apps/v1`, `Deployment`), if the schema data has it. */
export function modelForKind(apiVersion: string, kind: string): string | undefined {
  return schemaTypes()?.kinds[`${apiVersion}/${kind}`];
}

const VERSION_PREFIX = /^([A-Z][a-z]+)?(V\d+(?:alpha\d+|beta\d+)?)(?=[A-Z])/;

/** The OpenAPI short name of a model (V1ObjectMeta -> ObjectMeta, CoreV1EventSeries -> EventSeries). */
export function shortName(model: string): string {
  const m = VERSION_PREFIX.exec(model);
  return m ? model.slice(m[0].length) : model;
}

/** The Go package of a model as reflect prints it (V1ObjectMeta -> v1, V2HorizontalPodAutoscalerSpec -> v2). */
export function goPackage(model: string): string {
  const m = VERSION_PREFIX.exec(model);
  return m ? m[2].toLowerCase() : '';
}
