// Colour is a TTY nicety kubectl itself doesn't have, so it never touches what scripts read:
// only stderr (errors), the tour and the spinner use it, and only when the stream is a terminal.
// NO_COLOR (any non-empty value) turns it off; FORCE_COLOR forces it on, and wins, as in Node itself.
import type { ChalkInstance } from 'chalk';

export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !(force === '0' || force === 'false');
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return !!stream.isTTY;
}

/** A chalk instance for the stream, or undefined when it must stay plain (chalk loads only then). */
export async function painter(stream: { isTTY?: boolean }): Promise<ChalkInstance | undefined> {
  if (!colourEnabled(stream)) return undefined;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}

/** Red error prefixes (`error:`, `Error:`, `Error from server (X):`), the rest untouched. */
export function paintErrors(text: string, c: ChalkInstance | undefined): string {
  if (!c) return text;
  return text.replace(/^(error:|Error:|Error from server \([^)]*\):)/gm, (m) => c.bold.red(m));
}
