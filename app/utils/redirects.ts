// Where a sign-in (password or single sign-on) may send the user afterwards: only a path on this
// site. Browsers "fix" many near-paths into other sites (`/\evil.example`, `/<TAB>/evil.example`,
// `//evil.example`, their percent-encoded forms), so the value is normalised first, then checked.
const PLACEHOLDER_ORIGIN = "http://tracker.invalid";
const MAX_LENGTH = 2000;

/** The value as a path on this site (normalised), or "/" when it is anything else. */
export function safeRedirect(to: unknown): string {
  if (typeof to !== "string" || to.length === 0 || to.length > MAX_LENGTH) return "/";
  // Decode a few times so doubly-encoded tricks (%255C) are seen for what they become.
  if (!isPlainPath(to, true)) return "/";
  let decoded = to;
  for (let i = 0; i < 3; i++) {
    if (!isPlainPath(decoded)) return "/";
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return "/";
    }
    if (next === decoded) break;
    decoded = next;
  }
  if (!isPlainPath(decoded)) return "/";
  let url: URL;
  try {
    url = new URL(to, PLACEHOLDER_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return "/";
  const path = url.pathname + url.search + url.hash;
  // The URL parser may collapse dot segments into a new "//" start: check the result again.
  return isPlainPath(path, true) ? path : "/";
}

/**
 * One leading slash, then no second slash or backslash straight after it, no backslash in the path
 * and no control characters anywhere (browsers strip tabs and newlines, joining `/\t/x` into `//x`).
 * A space is allowed only once decoded (a filter's query may hold one); raw, it is refused.
 */
function isPlainPath(value: string, raw = false): boolean {
  if (!value.startsWith("/")) return false;
  if (value[1] === "/" || value[1] === "\\") return false;
  if (value.split(/[?#]/, 1)[0]!.includes("\\")) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value)) return false;
  return !raw || !/\s/.test(value);
}
