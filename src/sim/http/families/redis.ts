// redis (docker.io/library/redis): the RESP protocol on 6379. PING answers +PONG; an HTTP request
// gets what redis says to anything it does not understand.
import type { ServeContext, WorkloadFamily } from '../types.js';

const LATEST: Record<string, string> = { latest: '7.4.1', '7': '7.4.1', '7.4': '7.4.1', '7.2': '7.2.6', '7.0': '7.0.15', '6': '6.2.16', '6.2': '6.2.16', alpine: '7.4.1' };

function redisVersion(tag: string): string {
  const base = tag.split('-')[0];
  return LATEST[tag] ?? LATEST[base] ?? base;
}

function tcp(input: string, _req: ServeContext): string {
  const words = input.trim().split(/\s+/);
  const cmd = (words[0] || '').toUpperCase();
  if (cmd === 'PING') return words.length > 1 ? `$${words[1].length}\r\n${words[1]}\r\n` : '+PONG\r\n';
  if (cmd === 'ECHO' && words.length > 1) return `$${words[1].length}\r\n${words[1]}\r\n`;
  return `-ERR unknown command '${words[0] ?? ''}', with args beginning with: \r\n`;
}

export const REDIS: WorkloadFamily = {
  repos: ['docker.io/library/redis'],
  ports: () => [6379],
  tcp,
  version: redisVersion,
};

export const MEMCACHED: WorkloadFamily = {
  repos: ['docker.io/library/memcached'],
  ports: () => [11211],
  tcp: (input) => (input.trim() === 'version' ? 'VERSION 1.6.34\r\n' : 'ERROR\r\n'),
  version: (tag) => (tag === 'latest' ? '1.6.34' : tag),
};
