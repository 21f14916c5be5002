// kubectl version [--client] [-o json|yaml]: kubesim speaks as kubectl v1.32.4 talking to a v1.32.5
// API server (the versions kubesim's facts were recorded with).
import { UserError } from '../../api/errors.js';
import { stdio } from '../io.js';

/** k8s.io/apimachinery/pkg/version.Info, in its struct field order (json prints it so). */
interface Info {
  major: string; minor: string; gitVersion: string; gitCommit: string; gitTreeState: string;
  buildDate: string; goVersion: string; compiler: string; platform: string;
}

export const CLIENT_VERSION: Info = {
  major: '1', minor: '32', gitVersion: 'v1.32.4', gitCommit: '59526cd4867447956156ae3a602fcbac5a58f4c5', gitTreeState: 'clean',
  buildDate: '2025-04-22T16:04:04Z', goVersion: 'go1.23.6', compiler: 'gc', platform: 'linux/amd64',
};

export const SERVER_VERSION: Info = {
  major: '1', minor: '32', gitVersion: 'v1.32.5', gitCommit: '9894294ef13a5b32803e3ca2c0d620a088cc84d1', gitTreeState: 'clean',
  buildDate: '2025-05-15T09:47:28Z', goVersion: 'go1.23.8', compiler: 'gc', platform: 'linux/amd64',
};

export const KUSTOMIZE_VERSION = 'v5.5.0';

export async function run(args: string[], opts: any): Promise<void> {
  if (args.length) throw new UserError(`error: extra arguments: [${args.join(' ')}]`);
  const output: string = opts.output ?? '';
  if (output !== '' && output !== 'json' && output !== 'yaml') throw new UserError("error: --output must be 'yaml' or 'json'");
  // kubectl's Version struct: clientVersion, kustomizeVersion, serverVersion (omitempty)
  const v: Record<string, unknown> = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION };
  if (!opts.client) v.serverVersion = SERVER_VERSION;
  if (output === 'json') {
    // json.MarshalIndent(v, "", "  "): two spaces, field order
    stdio.out(JSON.stringify(v, null, 2) + '\n');
  } else if (output === 'yaml') {
    const { toYaml } = await import('../../printers/yaml.js');
    stdio.out(toYaml(v));
  } else {
    let s = `Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`;
    if (!opts.client) s += `Server Version: ${SERVER_VERSION.gitVersion}\n`;
    stdio.out(s);
  }
}
