// Subresource handlers: status, scale, binding, eviction (the eviction registry with its
// PodDisruptionBudget checks) and log (the kubelet's log reader over the simulated processes).
import type { KObject } from '../../api/types.js';
import { StatusError } from '../../api/errors.js';
import { localPatch } from '../../kubectl/patch.js';
import { updateObject } from '../registry.js';
import { SCALE_INFO, scaleOf, withReplicas } from '../scale.js';
import { evictPod } from '../eviction.js';
import { containerLogs } from '../../controllers/kubelet/logs.js';
import { rfc3339Nano } from '../../kubectl/logs.js';
import { type Ctx, type Target, readBody, sendJson, sendText } from './request.js';
import { httpError, success } from './status.js';
import { readObject, checkTarget } from './decodebody.js';
import { tokenRequest } from '../auth/reviews.js';
import { updateEphemeralContainers } from '../ephemeral.js';
import { dryRunAll, patchTypeOf, respondObject, storedObject, writeStatus } from './verbs.js';

export type SubHandler = (ctx: Ctx, t: Target) => Promise<void> | void;

async function patchedBody(ctx: Ctx, current: KObject): Promise<KObject> {
  const type = patchTypeOf(ctx.req.headers['content-type']);
  const text = (await readBody(ctx.req)).toString('utf8');
  try {
    return localPatch(current, type, text);
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw httpError(400, (e as Error).message.replace(/^error: /, ''));
  }
}

// ---- status

async function statusHandler(ctx: Ctx, t: Target): Promise<void> {
  const m = ctx.req.method;
  // (a GET is answered as the object's own, a Table too: the status store converts as the main one)
  if (m === 'GET') return respondObject(ctx, t.info, 200, storedObject(ctx, t));
  if (m === 'PUT') {
    const obj = await readObject(ctx.req);
    checkTarget(t.info, obj, t.namespace, t.name);
    return sendJson(ctx, 200, await ctx.host.write(() => writeStatus(ctx, t, obj)));
  }
  if (m === 'PATCH') {
    const body = await readBody(ctx.req);
    const type = patchTypeOf(ctx.req.headers['content-type']);
    const out = await ctx.host.write(() => {
      let obj: KObject;
      try {
        obj = localPatch(storedObject(ctx, t), type, body.toString('utf8'));
      } catch (e) {
        if (e instanceof StatusError) throw e;
        throw httpError(400, (e as Error).message.replace(/^error: /, ''));
      }
      return writeStatus(ctx, t, obj);
    });
    return sendJson(ctx, 200, out);
  }
  throw methodNotAllowed();
}

// ---- scale (autoscaling/v1 Scale)

function applyScale(ctx: Ctx, t: Target, scale: KObject): KObject {
  const cur = storedObject(ctx, t);
  const rv = scale.metadata?.resourceVersion;
  if (rv && rv !== cur.metadata?.resourceVersion) {
    throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${t.info.resource}.${t.info.group} "${t.name}": the object has been modified; please apply your changes to the latest version and try again`);
  }
  const replicas = scale.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas)) throw httpError(400, 'spec.replicas must be an integer');
  const next = withReplicas(cur, t.info, replicas);
  next.metadata = { ...next.metadata };
  delete next.metadata!.resourceVersion;
  return scaleOf(updateObject(ctx.host.cluster, t.info, next, { dryRun: dryRunAll(ctx) }), t.info);
}

async function scaleHandler(ctx: Ctx, t: Target): Promise<void> {
  const m = ctx.req.method;
  if (m === 'GET') return respondObject(ctx, SCALE_INFO, 200, scaleOf(storedObject(ctx, t), t.info));
  if (m === 'PUT') {
    const obj = await readObject(ctx.req);
    return sendJson(ctx, 200, await ctx.host.write(() => applyScale(ctx, t, obj)));
  }
  if (m === 'PATCH') {
    const current = scaleOf(storedObject(ctx, t), t.info);
    const patched = await patchedBody(ctx, current);
    // the patch was made against what was read: the write re-checks against the stored object
    return sendJson(ctx, 200, await ctx.host.write(() => applyScale(ctx, t, { ...patched, metadata: { ...patched.metadata, resourceVersion: undefined } } as KObject)));
  }
  throw methodNotAllowed();
}

// ---- binding (pods/binding and the bindings resource)

export async function bind(ctx: Ctx, t: Target, pod?: string): Promise<void> {
  const b = await readObject(ctx.req);
  const podName = pod ?? b.metadata?.name ?? '';
  const node = b.target?.name;
  if (!node) throw httpError(422, `Binding.core "${podName}" is invalid: target.name: Required value`);
  await ctx.host.write((c) => {
    const pod = c.get('pods', t.namespace, podName);
    if (!pod) throw new StatusError(404, 'NotFound', `pods "${podName}" not found`);
    if (pod.spec?.nodeName) throw new StatusError(409, 'Conflict', `Operation cannot be fulfilled on pods/binding "${podName}": pod ${podName} is already assigned to node "${pod.spec.nodeName}"`);
    c.update('pods', { ...pod, spec: { ...pod.spec, nodeName: node } });
  });
  sendJson(ctx, 201, success({}));
}

// ---- eviction (policy/v1 Eviction): the eviction registry, with PodDisruptionBudgets

async function evict(ctx: Ctx, t: Target): Promise<void> {
  const e = await readObject(ctx.req);
  if (e.metadata?.name && e.metadata.name !== t.name) throw httpError(400, `name in URL does not match name in Eviction object`);
  const grace = e.deleteOptions?.gracePeriodSeconds;
  const dryRun = (e.deleteOptions?.dryRun ?? []).includes('All') || ctx.query.getAll('dryRun').includes('All');
  await ctx.host.write((_c, mgr) => evictPod(mgr.ctx, t.namespace!, t.name!, { gracePeriodSeconds: grace, dryRun }));
  sendJson(ctx, 201, success({}));
}

// ---- log: what the container's simulated process wrote (the kubelet's log reader)

function logHandler(ctx: Ctx, t: Target): void {
  const pod = storedObject(ctx, t);
  const containers: any[] = pod.spec?.containers ?? [];
  const name = ctx.query.get('container') ?? (containers.length === 1 ? containers[0].name : undefined);
  if (!name) {
    throw httpError(400, `a container name must be specified for pod ${t.name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`);
  }
  const all = [...containers, ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (!all.some((c) => c.name === name)) throw httpError(400, `container ${name} is not valid for pod ${t.name}`);
  const now = ctx.host.cluster.now();
  let lines = containerLogs(ctx.host.cluster, pod, name, ctx.query.get('previous') === 'true', now);
  const since = Number(ctx.query.get('sinceSeconds'));
  if (since > 0) lines = lines.filter((l) => l.at >= now - since * 1000);
  const tail = Number(ctx.query.get('tailLines'));
  if (ctx.query.has('tailLines') && tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  const stamps = ctx.query.get('timestamps') === 'true';
  sendText(ctx, 200, lines.map((l) => `${stamps ? `${rfc3339Nano(l.at, l.nanos)} ` : ''}${l.text}\n`).join(''));
}

function methodNotAllowed(): StatusError {
  return httpError(405, 'the server does not allow this method on the requested resource');
}

// ---- ephemeralcontainers (kubectl debug): only ephemeral containers may be added (src/server/ephemeral.ts)

async function ephemeralHandler(ctx: Ctx, t: Target): Promise<void> {
  const m = ctx.req.method;
  if (m === 'GET') return sendJson(ctx, 200, storedObject(ctx, t));
  if (m !== 'PUT' && m !== 'PATCH') throw methodNotAllowed();
  const dryRun = ctx.query.getAll('dryRun').includes('All');
  const body = m === 'PUT' ? await readObject(ctx.req) : await readBody(ctx.req);
  const type = m === 'PATCH' ? patchTypeOf(ctx.req.headers['content-type']) : undefined;
  const out = await ctx.host.write((c) => {
    const cur = storedObject(ctx, t);
    let obj: KObject;
    if (m === 'PUT') {
      obj = body as KObject;
      checkTarget(t.info, obj, t.namespace, t.name);
    } else {
      try {
        obj = localPatch(cur, type!, (body as Buffer).toString('utf8'));
      } catch (e) {
        if (e instanceof StatusError) throw e;
        throw httpError(400, (e as Error).message.replace(/^error: /, ''));
      }
    }
    if (dryRun) return cur;
    return updateEphemeralContainers(c, cur, obj);
  });
  sendJson(ctx, 200, out);
}

const BUILTIN: Record<string, SubHandler> = {
  'pods/ephemeralcontainers': ephemeralHandler,
  status: statusHandler,
  scale: scaleHandler,
  'POST pods/binding': (ctx, t) => bind(ctx, t, t.name!),
  'POST pods/eviction': evict,
  'GET pods/log': logHandler,
  'POST serviceaccounts/token': token,
};

/** TokenRequest: a token the server then authenticates as the account (src/server/auth/tokens.ts). */
async function token(ctx: Ctx, t: Target): Promise<void> {
  const obj = await readObject(ctx.req);
  const out = await ctx.host.write((c) => tokenRequest(c, t.namespace ?? 'default', t.name!, obj));
  if (!out) throw new StatusError(404, 'NotFound', `serviceaccounts "${t.name}" not found`);
  sendJson(ctx, 201, out);
}

export async function serveSubresource(ctx: Ctx, t: Target): Promise<void> {
  const key = `${ctx.req.method} ${t.info.resource}/${t.subresource}`;
  const h = BUILTIN[key] ?? BUILTIN[`${t.info.resource}/${t.subresource}`] ?? BUILTIN[t.subresource!];
  if (h) return h(ctx, t);
  // exec, attach, portforward, proxy, token, ephemeralcontainers, finalize, approval
  throw httpError(405, `kubesim: the ${t.subresource} subresource of ${t.info.resource} is not simulated by this server`, undefined, 'MethodNotAllowed');
}
