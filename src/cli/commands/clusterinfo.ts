// kubectl cluster-info [dump]: where the control plane and the cluster services
// (kube-system services labelled kubernetes.io/cluster-service=true) answer.
import { namespaceOf } from '../context.js';
import fs from 'node:fs';
import path from 'node:path';
import type { KObject } from '../../api/types.js';
import { UserError } from '../../api/errors.js';
import { resourceByName } from '../../api/resources.js';
import { withCluster } from '../../store/session.js';
import { colourEnabled } from '../colour.js';
import { stdio } from '../io.js';

/** The API server address of kubesim's cluster, as a kind/kubeadm kubeconfig names it. */
export const SERVER_HOST = 'https://127.0.0.1:6443';

// go-colortext's ANSI sequences (ChangeColor(Green|Yellow, false, None, false) / ResetColor)
const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

function printService(name: string, link: string, colour: boolean): string {
  if (!colour) return `${name} is running at ${link}\n`;
  return `${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}\n`;
}

/** The proxy link of a service (LoadBalancer ingress, else the API server's services proxy path). */
function serviceLink(svc: any): string {
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  const ports: any[] = svc.spec?.ports ?? [];
  if (ingress.length) {
    const ip = ingress[0].ip || ingress[0].hostname;
    return ports.map((p) => `http://${ip}:${p.port} `).join('');
  }
  let name: string = svc.metadata.name;
  if (ports.length) {
    const p = ports[0];
    const scheme = p.name === 'https' || p.port === 443 ? 'https' : '';
    // utilnet.JoinSchemeNamePort: <scheme>:<name>:<port>, dropping empty parts from the ends
    name = scheme ? `${scheme}:${name}:${p.name ?? ''}` : p.name ? `${name}:${p.name}` : name;
  }
  return `${SERVER_HOST}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`;
}

export async function run(args: string[], opts: any): Promise<void> {
  if (args.length) throw new UserError(`error: unexpected arguments: [${args.join(' ')}]`);
  const ns: string = opts.namespace || 'kube-system';
  const colour = colourEnabled(process.stdout);
  await withCluster({ cluster: opts.cluster, write: false }, (s) => {
    let out = printService('Kubernetes control plane', SERVER_HOST, colour);
    for (const svc of s.cluster.list('services', ns)) {
      if (svc.metadata?.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
      out += printService(svc.metadata.labels['kubernetes.io/name'] || svc.metadata.name!, serviceLink(svc), colour);
    }
    out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    stdio.out(out);
  });
}

/** The lists cluster-info dump prints per namespace, in its order, with the file each goes to. */
const DUMPED: [resource: string, file: string][] = [
  ['events', 'events'], ['replicationcontrollers', 'replication-controllers'], ['services', 'services'],
  ['daemonsets', 'daemonsets'], ['deployments', 'deployments'], ['replicasets', 'replicasets'], ['pods', 'pods'],
];

/**
 * cluster-info dump: the nodes, then each namespace's events and workloads as lists (kube-system
 * and the current namespace, or every namespace with -A, or --namespaces), then each pod's
 * container logs between START/END markers; to stdout, or to files under --output-directory.
 * kubesim: its containers write no logs, so the markers enclose nothing.
 */
export async function dump(args: string[], opts: any): Promise<void> {
  if (args.length) throw new UserError(`error: unexpected arguments: [${args.join(' ')}]`);
  const { parseObjectFormat, printStructured } = await import('../output.js');
  const fmt = parseObjectFormat({ ...opts, output: opts.output ?? 'json' });
  // the files are named .json, .yaml, or .txt for the other printers
  const output: string = fmt.kind === 'json' || fmt.kind === 'yaml' ? fmt.kind : 'txt';
  const dir: string = opts.outputDirectory ?? '';
  const toFiles = dir !== '' && dir !== '-';
  const files = new Map<string, string>();
  let out = '';
  const write = (name: string, ext: string, text: string) => {
    if (!toFiles) out += text;
    else files.set(`${name}${ext}`, (files.get(`${name}${ext}`) ?? '') + text);
  };
  const print = (file: string, resource: string, items: KObject[], rv: string) => {
    const info = resourceByName(resource);
    const list = { kind: `${info.kind}List`, apiVersion: info.group ? `${info.group}/${info.version}` : info.version, metadata: { resourceVersion: rv }, items };
    texts.push([file, printStructured(fmt, [{ info, obj: list as any }], true)]);
  };
  const texts: [string, Promise<string> | string][] = [];
  await withCluster({ cluster: opts.cluster, write: false }, (s) => {
    const rv = String(s.cluster.state.resourceVersion);
    let namespaces: string[];
    if (opts.allNamespaces) namespaces = s.cluster.list('namespaces').map((n) => n.metadata!.name!);
    else if (opts.namespaces) namespaces = String(opts.namespaces).split(',').filter(Boolean);
    else namespaces = ['kube-system', namespaceOf(opts)]; // kubectl does not drop a repeat
    print('nodes', 'nodes', s.cluster.list('nodes'), rv);
    for (const ns of namespaces) {
      for (const [r, file] of DUMPED) print(`${ns}/${file}`, r, s.cluster.list(r, ns), rv);
      for (const pod of s.cluster.list('pods', ns)) {
        const spec = (pod as any).spec ?? {};
        for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
          const what = `container ${c.name} of pod ${ns}/${pod.metadata!.name}`;
          texts.push([`${ns}/${pod.metadata!.name}/logs.txt`, `==== START logs for ${what} ====\n==== END logs for ${what} ====\n`]);
        }
      }
    }
  });
  for (const [file, text] of texts) write(file.endsWith('/logs.txt') ? file.slice(0, -4) : file, file.endsWith('/logs.txt') ? '.txt' : `.${output}`, await text);
  if (toFiles) {
    for (const [name, text] of files) {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    out += `Cluster info dumped to ${dir}\n`;
  }
  stdio.out(out);
}
