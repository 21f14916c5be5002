// describe.go's PrefixWriter over a tabwriter (minwidth 0, tabwidth 8,
// padding 2), or raw (no tabwriter) as `rollout history --revision` uses it.
import { TabWriter } from '../tabwriter.js';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

export class PrefixWriter {
  private tw: TabWriter | null;
  private raw = '';
  constructor(useTabWriter = true) {
    this.tw = useTabWriter ? new TabWriter(0, 8, 2, ' ', 0) : null;
  }
  write(level: number, s: string): void {
    const text = '  '.repeat(level) + s;
    if (this.tw) this.tw.write(text);
    else this.raw += text;
  }
  /** fmt.Fprintln on the underlying writer: no level prefix. */
  writeLine(s: string): void {
    if (this.tw) this.tw.write(s + '\n');
    else this.raw += s + '\n';
  }
  /**
   * describe.go's Flush only flushes writers with a `Flush()` method, which
   * *tabwriter.Writer (Flush() error) is not: a no-op, kept to mirror upstream.
   */
  flush(): void {}
  toString(): string {
    return this.tw ? this.tw.flush() : this.raw;
  }
}

/** NewNestedPrefixWriter: every level shifted by `indent`; WriteLine lands at the indent level. */
export class NestedPrefixWriter extends PrefixWriter {
  constructor(
    private readonly parent: PrefixWriter,
    private readonly indent: number,
  ) {
    super(false);
  }
  override write(level: number, s: string): void {
    this.parent.write(level + this.indent, s);
  }
  override writeLine(s: string): void {
    this.parent.write(this.indent, s + '\n');
  }
  override toString(): string {
    return this.parent.toString();
  }
}
