// Shared test helpers: fixtures live in test/fixtures (copied from shared/reference so tests run anywhere).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

// dist/test/api/x.js -> <root>/test/fixtures
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test', 'fixtures');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function jsonl(name: string): any[] {
  return fixture(name).split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}
