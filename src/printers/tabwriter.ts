// A port of Go's text/tabwriter (and github.com/liggitt/tabwriter, which adds
// RememberWidths). kubectl's `get` tables use (6, 4, 3, ' ', RememberWidths);
// `describe` and `rollout history` use (0, 8, 2, ' ', 0).
//
// Cells are tab-terminated; a column block is a run of consecutive lines that
// all have a tab-terminated cell in that column. The last cell of a line is
// never part of a column, so it is written unpadded (no trailing blanks).
// Widths are counted in code points (Go counts runes).

export const AlignRight = 1 << 2;
export const DiscardEmptyColumns = 1 << 3;
export const TabIndent = 1 << 4;
export const Debug = 1 << 5;
export const RememberWidths = 1 << 6;

interface Cell {
  text: string;
  width: number;
  htab: boolean;
}

const SURROGATE = /[\uD800-\uDFFF]/;
const TERMINATOR = /[\t\v\n\f]/;

function runeCount(s: string): number {
  // without surrogate pairs every UTF-16 unit is one code point (the common case, counted natively)
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export class TabWriter {
  private readonly minwidth: number;
  private readonly tabwidth: number;
  private readonly padding: number;
  private readonly padchar: string;
  private readonly flags: number;

  private cur = '';
  private lines: Cell[][] = [[]];
  private widths: number[] = [];
  private maxwidths: number[] = [];
  private out: string[] = [];

  constructor(minwidth: number, tabwidth: number, padding: number, padchar: string, flags = 0) {
    if (minwidth < 0 || tabwidth < 0 || padding < 0) throw new Error('negative minwidth, tabwidth, or padding');
    this.minwidth = minwidth;
    this.tabwidth = tabwidth;
    this.padding = padding;
    this.padchar = padchar;
    // tab padding enforces left alignment
    this.flags = padchar === '\t' ? flags & ~AlignRight : flags;
  }

  write(s: string): void {
    let start = 0;
    const re = /[\t\v\n\f]/g; // the cell and line terminators, found natively
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const i = m.index;
      const ch = s[i];
      this.cur += s.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        // A line with a single cell cannot affect later lines' formatting,
        // so Go flushes there; this is what ends describe's alignment blocks.
        if (ch === '\f' || ncells === 1) this.flushInternal();
      }
    }
    this.cur += s.slice(start);
  }

  /** write(cells.join('\t') + '\n') without joining the cells only to split them again. */
  writeRow(cells: string[]): void {
    if (this.cur.length > 0 || cells.some((c) => TERMINATOR.test(c))) {
      this.write(cells.join('\t') + '\n');
      return;
    }
    const line = this.lines[this.lines.length - 1];
    const n = cells.length;
    for (let j = 0; j < n; j++) line.push({ text: cells[j], width: runeCount(cells[j]), htab: j < n - 1 });
    // as write() on the newline: the empty text before it ends the last cell when there are no cells
    if (n === 0) this.terminateCell(false);
    this.lines.push([]);
    if (line.length === 1) this.flushInternal();
  }

  /** Format everything buffered and return all output produced since the previous flush(). */
  flush(): string {
    this.flushInternal();
    const s = this.out.join('');
    this.out = [];
    return s;
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1];
    line.push({ text: this.cur, width: runeCount(this.cur), htab });
    this.cur = '';
    return line.length;
  }

  private flushInternal(): void {
    if (this.cur.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.padchar === '\t' || useTabs) {
      if (this.tabwidth === 0) return;
      cellw = Math.ceil(cellw / this.tabwidth) * this.tabwidth;
      const n = cellw - textw;
      if (n < 0) throw new Error('internal error');
      this.out.push('\t'.repeat(Math.ceil(n / this.tabwidth)));
      return;
    }
    if (cellw > textw) this.out.push(this.padchar.repeat(cellw - textw));
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let useTabs = (this.flags & TabIndent) !== 0;
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (j > 0 && (this.flags & Debug) !== 0) this.out.push('|');
        if (c.text.length === 0) {
          if (j < this.widths.length) this.writePadding(c.width, this.widths[j], useTabs);
        } else {
          useTabs = false;
          if ((this.flags & AlignRight) === 0) {
            this.out.push(c.text);
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
          } else {
            if (j < this.widths.length) this.writePadding(c.width, this.widths[j], false);
            this.out.push(c.text);
          }
        }
      }
      // the last buffered line has no newline (it is the incomplete one)
      if (i + 1 < this.lines.length) this.out.push('\n');
    }
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let t = line0; t < line1; t++) {
      let line = this.lines[t];
      if (column >= line.length - 1) continue;
      // this line has a cell in this column: print lines before the block
      this.writeLines(line0, t);
      line0 = t;
      let width = this.minwidth;
      let discardable = true;
      for (; t < line1; t++) {
        line = this.lines[t];
        if (column >= line.length - 1) break;
        const c = line[column];
        const w = c.width + this.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && (this.flags & DiscardEmptyColumns) !== 0) width = 0;
      if ((this.flags & RememberWidths) !== 0) {
        if (this.maxwidths.length < this.widths.length) {
          this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
        }
        const k = this.widths.length;
        if (this.maxwidths.length === k) this.maxwidths.push(width);
        else if (this.maxwidths[k] > width) width = this.maxwidths[k];
        else if (this.maxwidths[k] < width) this.maxwidths[k] = width;
      }
      this.widths.push(width);
      this.format(line0, t);
      this.widths.pop();
      line0 = t;
    }
    this.writeLines(line0, line1);
  }
}

/** The tabwriter kubectl's `get` printer uses (cli-runtime printers.GetNewTabWriter). */
export function newGetTabWriter(): TabWriter {
  return new TabWriter(6, 4, 3, ' ', RememberWidths);
}

/** The tabwriter kubectl's describers and `rollout history` use. */
export function newDescribeTabWriter(): TabWriter {
  return new TabWriter(0, 8, 2, ' ', 0);
}
