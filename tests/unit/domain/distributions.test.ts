import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  erf,
  erfc,
  logGamma,
  normalCdf,
  normalQuantile,
  normalTwoSidedP,
  regularizedGammaP,
  regularizedGammaQ,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
  studentTTwoSidedP,
} from "~/domain/distributions";

// Reference values from SciPy 1.17 / mpmath 1.3 (30 digits), rounded to double.

/** |actual − expected| ≤ tol·max(1, |expected|). */
function close(actual: number, expected: number, tol = 1e-10) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected)));
}

/** Relative closeness, for tiny tail probabilities. */
function relClose(actual: number, expected: number, tol = 1e-9) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

describe("logGamma", () => {
  it.each([
    [0.25, 1.2880225246980774],
    [0.5, 0.5723649429247001],
    [1, 0],
    [1.5, -0.12078223763524522],
    [2, 0],
    [3.7, 1.428072326665388],
    [10, 12.801827480081469],
    [100.3, 360.5147057290581],
  ])("lnΓ(%s) = %s", (x, expected) => {
    close(logGamma(x), expected, 1e-13);
  });

  it("satisfies Γ(x+1) = xΓ(x)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 50, noNaN: true }), (x) => {
        close(logGamma(x + 1), logGamma(x) + Math.log(x), 1e-12);
      }),
    );
  });
});

describe("erf and erfc", () => {
  it.each([
    [0.1, 0.887537083981715],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047266],
    [3, 2.209049699858544e-5],
    [5, 1.537459794428035e-12],
  ])("erfc(%s) = %s (relative accuracy)", (x, expected) => {
    relClose(erfc(x), expected, 1e-12);
  });

  it("handles 0, infinities, negatives and NaN", () => {
    expect(erfc(0)).toBe(1);
    expect(erf(0)).toBe(0);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erfc(Number.NaN)).toBeNaN();
    close(erfc(-1), 2 - 0.15729920705028513, 1e-14);
    close(erf(-0.5), -(1 - 0.4795001221869535), 1e-14);
  });

  it("erf + erfc = 1", () => {
    fc.assert(
      fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (x) => {
        close(erf(x) + erfc(x), 1, 1e-14);
      }),
    );
  });

  it("incomplete gamma P + Q = 1 and P(1, x) = 1 − e^(−x)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 30, noNaN: true }), fc.double({ min: 0, max: 60, noNaN: true }), (a, x) => {
        close(regularizedGammaP(a, x) + regularizedGammaQ(a, x), 1, 1e-12);
      }),
    );
    close(regularizedGammaP(1, 2), 1 - Math.exp(-2), 1e-14);
    close(regularizedGammaQ(1, 5), Math.exp(-5), 1e-14);
    expect(regularizedGammaP(-1, 1)).toBeNaN();
  });
});

describe("normal distribution", () => {
  it("Φ(1.96) = 0.9750021", () => {
    close(normalCdf(1.96), 0.9750021048517795, 1e-14);
    expect(normalCdf(1.96).toFixed(7)).toBe("0.9750021");
  });

  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1, 0.15865525393145705],
    [2.5, 0.9937903346742238],
    [-3, 0.0013498980316300946],
    [5, 0.9999997133484281],
  ])("Φ(%s) = %s", (z, expected) => {
    close(normalCdf(z), expected, 1e-14);
  });

  it.each([
    [-8, 6.220960574271784e-16],
    [-20, 2.7536241186062337e-89],
  ])("keeps relative accuracy in the far tail: Φ(%s)", (z, expected) => {
    relClose(normalCdf(z), expected, 1e-10);
  });

  it("two-sided p: z = 1.96 gives 0.05 (to 5 d.p.), z = 2.5 gives 0.0124193", () => {
    close(normalTwoSidedP(1.96), 0.04999579029644087, 1e-13);
    close(normalTwoSidedP(-2.5), 0.012419330651552318, 1e-13);
    expect(normalTwoSidedP(0)).toBe(1);
  });

  it("is symmetric and monotone", () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (z, h) => {
        close(normalCdf(z) + normalCdf(-z), 1, 1e-15);
        expect(normalCdf(z + h)).toBeGreaterThanOrEqual(normalCdf(z));
      }),
    );
  });

  it("quantile inverts the CDF: Φ⁻¹(0.975) = 1.959963984540054", () => {
    close(normalQuantile(0.975), 1.959963984540054, 1e-12);
    close(normalQuantile(0.025), -1.959963984540054, 1e-12);
    expect(normalQuantile(0.5)).toBe(0);
  });
});

describe("regularized incomplete beta", () => {
  it.each([
    [0.3, 2, 3, 0.3483], // = 1 − Σ_{j<2} C(4,j) 0.3^j 0.7^(4−j) = 1 − 0.2401 − 0.4116
    [0.9, 0.5, 7, 0.9999999780702158],
    [0.5, 10, 10, 0.5],
  ])("I_%s(%s, %s) = %s", (x, a, b, expected) => {
    close(regularizedIncompleteBeta(x, a, b), expected, 1e-13);
  });

  it("keeps relative accuracy for tiny values", () => {
    relClose(regularizedIncompleteBeta(0.01, 5, 0.5), 2.4712578086395448e-11, 1e-9);
  });

  it("satisfies I_x(a, b) = 1 − I_(1−x)(b, a) and the end points", () => {
    fc.assert(
      fc.property(
        // Away from 0 and 1: near 0, rounding in 1 − x alone moves I_(1−x) by more than 1e-12.
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.1, max: 40, noNaN: true }),
        fc.double({ min: 0.1, max: 40, noNaN: true }),
        (x, a, b) => {
          close(regularizedIncompleteBeta(x, a, b), 1 - regularizedIncompleteBeta(1 - x, b, a), 1e-12);
        },
      ),
    );
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(regularizedIncompleteBeta(1.5, 2, 3)).toBeNaN();
  });
});

describe("Student's t distribution", () => {
  it("two-sided p for t = 2.5 with 4 df ≈ 0.066767", () => {
    close(studentTTwoSidedP(2.5, 4), 0.06676654481198814, 1e-12);
    expect(studentTTwoSidedP(2.5, 4).toFixed(6)).toBe("0.066767");
    expect(studentTTwoSidedP(-2.5, 4)).toBe(studentTTwoSidedP(2.5, 4));
  });

  it.each([
    [1, 3, 0.3910022189557705],
    [3.2, 1, 0.19282249595845916],
    [0.5, 10, 0.627893605742973],
    [4, 8, 0.003949772803445323],
    [10, 2, 0.00985245702332569],
    [1.3, 50, 0.19956213552785335],
  ])("two-sided p for t = %s, df = %s is %s", (t, df, expected) => {
    close(studentTTwoSidedP(t, df), expected, 1e-11);
  });

  it("has closed forms for 1 and 2 df", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), (t) => {
        // df = 1 (Cauchy): F(t) = 1/2 + atan(t)/π. df = 2: F(t) = 1/2 + t / (2·sqrt(2 + t²)).
        close(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-12);
        close(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-12);
      }),
    );
  });

  it("is symmetric, monotone and tends to the normal", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        (t, h, df) => {
          close(studentTCdf(t, df) + studentTCdf(-t, df), 1, 1e-12);
          expect(studentTCdf(t + h, df)).toBeGreaterThanOrEqual(studentTCdf(t, df) - 1e-15);
        },
      ),
    );
    close(studentTCdf(1.96, 1e7), normalCdf(1.96), 1e-7);
    expect(studentTCdf(1.96, Infinity)).toBe(normalCdf(1.96));
    expect(studentTCdf(0, 5)).toBe(0.5);
  });

  it("density integrates to the CDF (numerical check)", () => {
    // Simpson's rule on [0, 2] with 200 panels, df = 3: ∫ pdf = F(2) − 1/2.
    const df = 3;
    const n = 200;
    const h = 2 / n;
    let s = studentTPdf(0, df) + studentTPdf(2, df);
    for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * studentTPdf(i * h, df);
    close((s * h) / 3, studentTCdf(2, df) - 0.5, 1e-9);
  });

  it("rejects non-positive degrees of freedom", () => {
    expect(() => studentTCdf(1, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(0.975, -1)).toThrow(RangeError);
  });
});

describe("t quantile", () => {
  it("matches the textbook values t(0.975, 1) = 12.7062047, df 2 = 4.30265273, df 4 = 2.77644511", () => {
    expect(studentTQuantile(0.975, 1).toFixed(7)).toBe("12.7062047");
    expect(studentTQuantile(0.975, 2).toFixed(8)).toBe("4.30265273");
    expect(studentTQuantile(0.975, 4).toFixed(8)).toBe("2.77644511");
  });

  it.each([
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [3, 3.1824463052837078],
    [4, 2.7764451051977934],
    [5, 2.5705818356363146],
    [7, 2.364624251592784],
    [10, 2.228138851986274],
    [30, 2.0422724563012378],
    [120, 1.9799304050824402],
  ])("t(0.975, %s) = %s", (df, expected) => {
    close(studentTQuantile(0.975, df), expected, 1e-11);
  });

  it("other probabilities", () => {
    close(studentTQuantile(0.995, 3), 5.840909309733355, 1e-11);
    close(studentTQuantile(0.9, 6), 1.4397557472651483, 1e-11);
    close(studentTQuantile(0.025, 4), -2.7764451051977934, 1e-11);
    expect(studentTQuantile(0.5, 9)).toBe(0);
    expect(studentTQuantile(1, 9)).toBe(Infinity);
    expect(studentTQuantile(0, 9)).toBe(-Infinity);
    expect(() => studentTQuantile(1.2, 9)).toThrow(RangeError);
  });

  it("inverts the CDF", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 300 }), (p, df) => {
        close(studentTCdf(studentTQuantile(p, df), df), p, 1e-12);
      }),
    );
  });
});
