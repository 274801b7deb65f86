// A validated file's rows kept compactly until they are written: slices of SPOOL_SLICE rows encoded
// (app/domain/import/row-codec.ts) into Buffers as they are checked, decoded again one slice at a time
// by whoever reads them (the preview's classification, the writer). 500,000 survey results take about
// 17 MB this way instead of about 100 MB of objects that the garbage collector would keep moving.
import { decodeRows, encodeRows } from "~/domain/import/row-codec";
import type { PlannedRow } from "~/models/bulk-write.server";

/** Rows a slice: the writer's own step, so a decoded slice is written as it is. */
export const SPOOL_SLICE = 5000;

export class RowSpool implements AsyncIterable<PlannedRow[]> {
  private readonly slices: Buffer[] = [];
  private pending: PlannedRow[] = [];
  private count = 0;

  push(row: PlannedRow): void {
    this.pending.push(row);
    this.count++;
    if (this.pending.length >= SPOOL_SLICE) this.seal();
  }

  /** The number of rows pushed. */
  get length(): number {
    return this.count;
  }

  private seal(): void {
    if (this.pending.length === 0) return;
    this.slices.push(Buffer.from(encodeRows(this.pending)));
    this.pending = [];
  }

  /** Every row, one slice at a time (may be read more than once). */
  async *[Symbol.asyncIterator](): AsyncGenerator<PlannedRow[]> {
    this.seal();
    for (const slice of this.slices) yield decodeRows(slice.toString()) as PlannedRow[];
  }

  /** Every row at once, for the checks that need them together (a roles file's tenure overlaps). */
  async toArray(): Promise<PlannedRow[]> {
    const out: PlannedRow[] = [];
    for await (const slice of this) for (const row of slice) out.push(row);
    return out;
  }
}
