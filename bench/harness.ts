// Timing helpers for the benchmarks: median of repeated runs, reported against a baseline.
export type BenchResult = { name: string; ms: number; baselineMs: number; note?: string };

export function time(runs: number, fn: () => unknown): { ms: number } {
  fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]! };
}

export async function timeAsync(runs: number, fn: () => Promise<unknown>): Promise<{ ms: number }> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]! };
}

export function report(results: BenchResult[]): void {
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    const ratio = r.ms / r.baselineMs;
    console.log(
      `${r.name.padEnd(width)}  ${r.ms.toFixed(1).padStart(9)} ms  = ${ratio.toFixed(1).padStart(6)} × baseline (${r.baselineMs.toFixed(1)} ms)${r.note ? `  ${r.note}` : ""}`,
    );
  }
}
