// Compatibility barrel: the investment measures live in ./investment/ (one rule per file) and the
// peer statistics (quartiles, quantiles, correlation, least-squares line) in ./stats/peers.ts.
// Re-exported here so callers that still import from this path keep working until they move.
export * from "./investment";
export { type Correlation, leastSquaresLine, pearson, quantile } from "./stats/peers";
