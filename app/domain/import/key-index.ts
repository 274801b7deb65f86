// Finds rows of a file with the same natural key (ods_code + fieldwork + …) without a string per
// row: each key cell's text is numbered once per column, and the numbered tuples are kept in typed
// arrays with an open-addressing hash table. A million-row file needs ~30 bytes a row, not ~150. Pure.

export class KeyIndex {
  private readonly width: number;
  private readonly ids: Map<string, number>[];
  private tuples: Int32Array;
  private lines: Int32Array;
  private table: Int32Array;
  private count = 0;
  private readonly scratch: Int32Array;

  constructor(width: number) {
    this.width = width;
    this.ids = Array.from({ length: width }, () => new Map<string, number>());
    this.tuples = new Int32Array(1024 * width);
    this.lines = new Int32Array(1024);
    this.table = new Int32Array(2048).fill(-1);
    this.scratch = new Int32Array(width);
  }

  get size(): number {
    return this.count;
  }

  /** The line of the first row with this key, or undefined (and this line is remembered for the key). */
  firstLine(cells: readonly string[], line: number): number | undefined {
    const { width, scratch } = this;
    let h = 0x811c9dc5;
    for (let c = 0; c < width; c++) {
      const names = this.ids[c]!;
      const text = cells[c]!;
      let id = names.get(text);
      if (id === undefined) {
        id = names.size;
        names.set(text, id);
      }
      scratch[c] = id;
      h = Math.imul(h ^ id, 0x01000193);
      h ^= h >>> 15;
    }
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = this.table[slot]!;
      if (entry === -1) {
        this.insert(slot);
        this.lines[this.count - 1] = line;
        return undefined;
      }
      let same = true;
      for (let c = 0; c < width; c++)
        if (this.tuples[entry * width + c] !== scratch[c]) {
          same = false;
          break;
        }
      if (same) return this.lines[entry];
    }
  }

  private insert(slot: number): void {
    const { width } = this;
    if ((this.count + 1) * width > this.tuples.length) {
      const tuples = new Int32Array(this.tuples.length * 2);
      tuples.set(this.tuples);
      this.tuples = tuples;
      const lines = new Int32Array(this.lines.length * 2);
      lines.set(this.lines);
      this.lines = lines;
    }
    this.tuples.set(this.scratch, this.count * width);
    this.table[slot] = this.count++;
    if (this.count * 2 > this.table.length) this.rehash();
  }

  private rehash(): void {
    const { width } = this;
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let e = 0; e < this.count; e++) {
      let h = 0x811c9dc5;
      for (let c = 0; c < width; c++) {
        h = Math.imul(h ^ this.tuples[e * width + c]!, 0x01000193);
        h ^= h >>> 15;
      }
      let slot = h & mask;
      while (table[slot] !== -1) slot = (slot + 1) & mask;
      table[slot] = e;
    }
    this.table = table;
  }
}
