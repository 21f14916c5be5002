// The one place where errors become text on stderr and an exit code (DESIGN: Conventions 6).
import { RawError, StatusError, UserError } from '../api/errors.js';
import { stderrStream, stdio } from './io.js';

export function renderError(e: unknown): { text: string; code: number } {
  if (e instanceof StatusError) return { text: `Error from server (${e.reason}): ${e.message}\n`, code: 1 };
  if (e instanceof RawError) return { text: e.message.endsWith('\n') ? e.message : e.message + '\n', code: e.exitCode };
  if (e instanceof UserError) {
    const m = e.message;
    const text = m.startsWith('error: ') || m.startsWith('Error: ') ? m : `error: ${m}`;
    return { text: text.endsWith('\n') ? text : text + '\n', code: e.exitCode };
  }
  // Anything else is a kubesim bug: say so plainly, never show a stack trace unless asked.
  const err = e as Error;
  const detail = process.env.KUBESIM_DEBUG ? `\n${err?.stack}` : '';
  return { text: `error: internal kubesim error: ${err?.message ?? String(e)}${detail}\n`, code: 1 };
}

/** Print each error as kubectl would (red prefixes on a colour terminal) and fail the command. */
export async function reportErrors(errors: unknown[]): Promise<void> {
  if (!errors.length) return;
  const { painter, paintErrors } = await import('./colour.js');
  const c = await painter(stderrStream());
  stdio.err(paintErrors(errors.map((e) => renderError(e).text).join(''), c));
  process.exitCode = 1;
}

/**
 * cmdutil.CheckErr of an aggregate (the builder's ContinueOnError): one error as itself, several one
 * line each, a client-side error's message without its `error: ` prefix.
 */
export function aggregateText(errors: Error[]): string {
  if (errors.length === 1) return renderError(errors[0]).text;
  return errors.map((e) => (e instanceof UserError ? `${e.message.replace(/^error: /, '')}${e.message.endsWith('\n') ? '' : '\n'}` : renderError(e).text)).join('');
}

export async function reportAggregate(errors: Error[]): Promise<void> {
  if (!errors.length) return;
  const { painter, paintErrors } = await import('./colour.js');
  stdio.err(paintErrors(aggregateText(errors), await painter(stderrStream())));
  process.exitCode = 1;
}
