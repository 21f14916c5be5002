// Help for what kubesim adds to kubectl, written from the commander definitions in src/cli/main.ts
// in kubectl's layout: a "kubesim Commands:" group in the root help (every kubesim-only command
// registered there, nothing listed by hand), the help of those commands, and a "kubesim Options:"
// block for flags kubesim adds to kubectl's commands (those whose description starts "kubesim:").
import type { Command, Option } from 'commander';
import type { Node } from './tree.js';

const KUBESIM_PREFIX = /^kubesim:\s*/;

/** "kubesim: show the clock" -> "Show the clock" */
export function shortDescription(c: Command): string {
  const d = c.description().replace(KUBESIM_PREFIX, '');
  return d ? d[0].toUpperCase() + d.slice(1) : '';
}

/** kubectl's flag layout: `    -o, --output='':` then the usage on a tab-indented line. */
function flagBlock(options: readonly Option[]): string {
  return options.filter((o) => !o.hidden && o.long !== '--help').map((o) => {
    const bool = (o as any).kubesimBool === true || (!o.required && !o.optional);
    const dflt = o.defaultValue === undefined ? (bool ? 'false' : "''") : typeof o.defaultValue === 'string' ? `'${o.defaultValue}'` : String(o.defaultValue);
    const name = o.short ? `${o.short}, ${o.long}` : o.long;
    return `    ${name}=${dflt}:\n\t${o.description.replace(KUBESIM_PREFIX, '')}\n\n`;
  }).join('');
}

/** The root help's group of kubesim-only commands, padded as kubectl pads its groups. */
export function kubesimGroup(root: Node): string {
  const cmds = root.children.filter((n) => !n.kubectl && n.cmd && !(n.cmd as any)._hidden);
  if (!cmds.length) return '';
  const width = Math.max(13, ...cmds.map((n) => n.name.length)) + 2;
  return `kubesim Commands:\n${cmds.map((n) => `  ${n.name.padEnd(width)} ${shortDescription(n.cmd!)}\n`).join('')}`;
}

/** kubectl's root help with the kubesim group after kubectl's last group. */
export function rootHelp(kubectlRoot: string, root: Node): string {
  const group = kubesimGroup(root);
  if (!group) return kubectlRoot;
  const at = kubectlRoot.indexOf('\nUsage:\n');
  return `${kubectlRoot.slice(0, at)}\n${group}${kubectlRoot.slice(at)}`;
}

/** Flags kubesim adds to a kubectl command, documented in their own block before Usage. */
export function withKubesimOptions(text: string, node: Node): string {
  const extra = (node.cmd?.options ?? []).filter((o) => KUBESIM_PREFIX.test(o.description));
  if (!extra.length) return text;
  const at = text.lastIndexOf('\nUsage:\n');
  if (at < 0) return text;
  return `${text.slice(0, at)}\nkubesim Options:\n${flagBlock(extra).replace(/\n$/, '')}${text.slice(at)}`;
}

/** Help for a kubesim-only command in kubectl's layout. */
export function kubesimHelp(node: Node): string {
  const c = node.cmd!;
  const path = ['kubesim', ...node.path].join(' ');
  let out = `${shortDescription(c) || path}${/[.!?]$/.test(shortDescription(c)) ? '' : '.'}\n\n`;
  const subs = node.children.filter((n) => n.cmd);
  if (subs.length) {
    const width = Math.max(11, ...subs.map((n) => n.name.length)) + 2;
    out += `Available Commands:\n${subs.map((n) => `  ${n.name.padEnd(width)} ${shortDescription(n.cmd!)}\n`).join('')}\n`;
  }
  const flags = flagBlock(c.options);
  if (flags) out += `Options:\n${flags}`;
  const args = c.registeredArguments.map((a) => {
    const name = a.name().toUpperCase();
    return a.required ? name : `[${name}]`;
  });
  const usage = subs.length && !(c as any)._actionHandler ? [path, 'SUBCOMMAND', '[options]'] : [path, ...args, '[flags]', '[options]'];
  out += `Usage:\n  ${usage.join(' ')}\n\n`;
  if (subs.length) out += `Use "${path} <command> --help" for more information about a given command.\n`;
  out += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return out;
}
