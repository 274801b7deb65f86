// Clinical-leadership investment measures for one organisation, as at a date: the records
// (records.ts), posts and board roles (posts.ts), turnover and time in post (turnover.ts), job plans
// and leadership time (job-plans.ts), training (training.ts), all measures at a date (metrics.ts),
// the measure catalogue (catalogue.ts), the records behind each number (evidence.ts) and trend
// series that keep missing periods missing (series.ts). Each rule's definition heads its file.
export * from "./catalogue";
export * from "./evidence";
export * from "./job-plans";
export * from "./metrics";
export * from "./posts";
export * from "./records";
export * from "./series";
export * from "./training";
export * from "./turnover";
export * from "./view";
