// The normal multipliers used for intervals and funnel limits, defined once (from the inverse normal
// CDF, so 95% is 1.959963984540054, not a rounded 1.96).
import { normalQuantile } from "../distributions";

/** Two-sided 95%: Φ⁻¹(0.975). */
export const Z95 = normalQuantile(0.975);
/** Two-sided 99.8%: Φ⁻¹(0.999). */
export const Z998 = normalQuantile(0.999);
