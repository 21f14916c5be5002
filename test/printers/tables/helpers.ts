import { appendFileSync } from 'node:fs';
import assert from 'node:assert/strict';
// Shared bits of the per-group table tests: a fixed clock and timestamps relative to it.
export const NOW = Date.parse('2026-11-22T12:00:00Z');
/** The RFC 3339 timestamp `ms` milliseconds before NOW, as the API server stores it. */
export const ago = (ms: number) => new Date(NOW - ms).toISOString().replace('.000Z', 'Z');
export const S = 1000;
export const M = 60 * S;
export const H = 60 * M;
export const D = 24 * H;
/** metadata as the API server stores it */
export const meta = (name: string, age: number, extra: Record<string, any> = {}) => ({
  name,
  uid: `uid-${name}`,
  resourceVersion: '1',
  creationTimestamp: ago(age),
  ...extra,
});
/** Lines joined with "\n", plus the final newline. */
export const lines = (...ls: string[]) => ls.join('\n') + '\n';

const quote = (l: string) => `'${l.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * assert.equal of a printed table against its expected lines. With TABLES_DUMP=FILE it appends the
 * actual lines as code to FILE instead (to review by hand against printers.go before pasting them here).
 */
export function sameTable(actual: string, expected: string[]): void {
  if (process.env.TABLES_DUMP) {
    const ls = actual.replace(/\n$/, '').split('\n');
    appendFileSync(process.env.TABLES_DUMP, '# DUMP\n' + ls.map((l) => `    ${quote(l)},`).join('\n') + '\n');
    return;
  }
  assert.equal(actual, lines(...expected));
}
