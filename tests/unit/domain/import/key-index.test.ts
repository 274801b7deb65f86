import { describe, expect, it } from "vitest";
import { KeyIndex } from "~/domain/import/key-index";

describe("KeyIndex", () => {
  it("gives the first line of a repeated key and remembers new keys", () => {
    const index = new KeyIndex(3);
    expect(index.firstLine(["RXX", "2025-10", "consultant"], 2)).toBeUndefined();
    expect(index.firstLine(["RXX", "2025-10", "ahp"], 3)).toBeUndefined();
    expect(index.firstLine(["RXX", "2025-10", "consultant"], 4)).toBe(2);
    expect(index.firstLine(["RXX", "2025-10", "consultant"], 5)).toBe(2);
    expect(index.size).toBe(2);
  });

  it("tells apart keys whose cells would run together as text", () => {
    const index = new KeyIndex(2);
    expect(index.firstLine(["ab", "c"], 1)).toBeUndefined();
    expect(index.firstLine(["a", "bc"], 2)).toBeUndefined();
    expect(index.firstLine(["", "abc"], 3)).toBeUndefined();
    expect(index.firstLine(["abc", ""], 4)).toBeUndefined();
    expect(index.size).toBe(4);
  });

  it("agrees with a Map of the joined keys over 200,000 rows, as it grows", () => {
    const index = new KeyIndex(4);
    const seen = new Map<string, number>();
    let seed = 3;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    // Disagreements are collected and compared once (an expect per row cost 12 s of the run).
    const disagreements: string[] = [];
    for (let line = 1; line <= 200_000; line++) {
      const cells = [`X${rnd(300)}`, `2025-${rnd(12)}`, `g${rnd(15)}`, `m${rnd(4)}`];
      const key = JSON.stringify(cells);
      const first = index.firstLine(cells, line);
      if (first !== seen.get(key) && disagreements.length < 10) disagreements.push(`line ${line} ${key}: ${first} ≠ ${seen.get(key)}`);
      if (!seen.has(key)) seen.set(key, line);
    }
    expect(disagreements).toEqual([]);
    expect(index.size).toBe(seen.size);
    expect(seen.size).toBeGreaterThan(1_000); // thousands of keys, most rows repeating one: both paths are taken
  });
});
