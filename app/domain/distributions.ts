// Probability distributions for the gap analysis: the standard normal and Student's t.
// Pure numerics, no dependencies. Accuracy is better than 1e-12 absolute for the probabilities
// and ~1e-12 relative for the t quantile over the ranges the gap analysis uses (df 1 to a few
// hundred); tests compare against SciPy/mpmath reference values.
//
// Method:
// - log-gamma: Lanczos approximation (g = 7, 9 coefficients), reflection for x < 0.5.
// - erfc: regularized upper incomplete gamma Q(1/2, x²) — power series for small x², Lentz
//   continued fraction otherwise (Numerical Recipes §6.2), using the exact Γ(1/2) = √π.
// - Student t: regularized incomplete beta I_x(ν/2, 1/2) with x = ν/(ν + t²), by Lentz's
//   continued fraction (Numerical Recipes §6.4).
// - t quantile: safeguarded Newton iteration on the upper tail, bracketed, with bisection fallback.

const EPS = 1e-16;
const FPMIN = 1e-300;
const MAX_ITER = 10_000;
const LN_SQRT_PI = 0.5 * Math.log(Math.PI);
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Natural log of the gamma function, for x > 0 (and non-integer x < 0 via reflection, as log|Γ|). */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === 0.5) return LN_SQRT_PI;
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) {
    // Reflection: Γ(x)Γ(1−x) = π / sin(πx)
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Series for the regularized lower incomplete gamma P(a, x); converges fast for x < a + 1. */
function gammaSeries(a: number, x: number, lnGammaA: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let i = 0; i < MAX_ITER; i++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - lnGammaA);
}

/** Continued fraction for the regularized upper incomplete gamma Q(a, x); for x ≥ a + 1. */
function gammaContinuedFraction(a: number, x: number, lnGammaA: number): number {
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGammaA) * h;
}

/** Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a), a > 0, x ≥ 0. */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  const lg = logGamma(a);
  return x < a + 1 ? gammaSeries(a, x, lg) : 1 - gammaContinuedFraction(a, x, lg);
}

/** Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), a > 0, x ≥ 0. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const lg = logGamma(a);
  return x < a + 1 ? 1 - gammaSeries(a, x, lg) : gammaContinuedFraction(a, x, lg);
}

/** Complementary error function, erfc(x) = 1 − erf(x), accurate in the tails. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const x2 = x * x;
  return x2 < 1.5 ? 1 - gammaSeries(0.5, x2, LN_SQRT_PI) : gammaContinuedFraction(0.5, x2, LN_SQRT_PI);
}

/** Error function. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return -erf(-x);
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  const x2 = x * x;
  return x2 < 1.5 ? gammaSeries(0.5, x2, LN_SQRT_PI) : 1 - gammaContinuedFraction(0.5, x2, LN_SQRT_PI);
}

/** Standard normal cumulative distribution function Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Two-sided p-value for a standard normal test statistic: 2·(1 − Φ(|z|)). */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return erfc(Math.abs(z) / Math.SQRT2);
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Regularized incomplete beta function I_x(a, b), a, b > 0, 0 ≤ x ≤ 1. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) return NaN;
  if (x === 0) return 0;
  if (x === 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(lnFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

function checkDf(df: number): void {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
}

/**
 * Upper-tail probability P(T > |t|) for Student's t with df degrees of freedom, computed directly
 * (no 1 − x cancellation), so tiny tails keep their relative accuracy.
 */
function studentTUpperTail(t: number, df: number): number {
  const at = Math.abs(t);
  if (df === Infinity) return 0.5 * erfc(at / Math.SQRT2);
  if (at === Infinity) return 0;
  // P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, 1/2). Use 1 − x = t²/(ν+t²) to avoid cancellation when t is small.
  const t2 = at * at;
  const x = df / (df + t2);
  if (x > 0.5) {
    // Complementary form: P(|T| < |t|) = I_{t²/(ν+t²)}(1/2, ν/2)
    return 0.5 * (1 - regularizedIncompleteBeta(t2 / (df + t2), 0.5, df / 2));
  }
  return 0.5 * regularizedIncompleteBeta(x, df / 2, 0.5);
}

/** Student's t cumulative distribution function P(T ≤ t). df may be Infinity (standard normal). */
export function studentTCdf(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) return NaN;
  const tail = studentTUpperTail(t, df);
  return t >= 0 ? 1 - tail : tail;
}

/** Two-sided p-value P(|T| ≥ |t|) for Student's t with df degrees of freedom. */
export function studentTTwoSidedP(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) return NaN;
  return Math.min(1, 2 * studentTUpperTail(t, df));
}

/** Student's t density. */
export function studentTPdf(t: number, df: number): number {
  checkDf(df);
  if (df === Infinity) return Math.exp(-0.5 * t * t - LN_SQRT_2PI);
  return Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

const quantileCache = new Map<string, number>();

/**
 * Quantile of Student's t: the value q with P(T ≤ q) = p. Found by inverting the CDF (Newton's method
 * on the upper tail within a shrinking bracket, falling back to bisection), to ~1e-13 relative.
 * df may be Infinity (standard normal quantile).
 */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df);
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`probability must be in [0, 1], got ${p}`);
  }
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const key = `${p}|${df}`;
  const cached = quantileCache.get(key);
  if (cached !== undefined) return cached;

  const target = 1 - p; // upper-tail probability, in (0, 0.5)
  const f = (x: number) => studentTUpperTail(x, df) - target; // decreasing in x
  let lo = 0;
  let hi = 1;
  while (f(hi) > 0) {
    lo = hi;
    hi *= 2;
    if (hi > 1e300) break;
  }
  let x = (lo + hi) / 2;
  for (let i = 0; i < 500; i++) {
    const fx = f(x);
    if (fx === 0) break;
    if (fx > 0) lo = x;
    else hi = x;
    // Newton step: d/dx upper tail = −pdf(x)
    const pdf = studentTPdf(x, df);
    let next = pdf > 0 ? x + fx / pdf : NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    const done = Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x)) || hi - lo <= 1e-15 * Math.max(1, hi);
    x = next;
    if (done) break;
  }
  quantileCache.set(key, x);
  return x;
}

/** Standard normal quantile Φ⁻¹(p), by the same inversion. */
export function normalQuantile(p: number): number {
  return studentTQuantile(p, Infinity);
}
