// What every server-rendered SVG chart shares: the NHS font stack and ids safe to use in SVG
// attributes (React's useId gives ":r1:", which is not).
export const FONT = "Arial, Helvetica, sans-serif";

export function uidOf(raw: string): string {
  return raw.replace(/[^A-Za-z0-9_-]/g, "");
}
