// kubectl reports some failures through klog: `E1122 23:19:23.100798   21831 run.go:72] ...`.
import { wallNow } from '../sim/clock.js';

export function klogLine(severity: 'E' | 'W' | 'I', msg: string, source = 'run.go:72'): string {
  const d = new Date(wallNow());
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const micros = p(d.getMilliseconds(), 3) + '000';
  return `${severity}${p(d.getMonth() + 1)}${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${micros} ${String(process.pid).padStart(7)} ${source}] ${msg}\n`;
}

/** A key's value as klog's text format writes it: quoted, or a multi-line string as `<` then tab-indented lines, then ` >`. */
export function klogValue(v: string): string {
  if (!v.includes('\n')) return JSON.stringify(v);
  return `<\n${v.replace(/\n$/, '').split('\n').map((l) => '\t' + l).join('\n')}\n >`;
}
