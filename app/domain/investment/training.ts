// Leadership training in the 12 months to a date, per clinical leader. Pure.
//
//  - Hours: records that started in (D − 12 months, D] (all statuses: hours are hours undertaken).
//    Completions: status "completed" with completionDate in that window. Both per clinical leader at D.
//  - MISSING, not 0, when no training record started in the window (hours) or none started or was
//    completed in it (completions): with no records nothing is known about that year.
import { windowStart } from "../calendar";
import type { TrainingEntry } from "./records";

export type Training = {
  from: string;
  to: string;
  records: number;
  hours: number;
  completions: number;
  leaders: number;
  hoursPerLeader: number | null;
  completionsPerLeader: number | null;
  hoursReason: string | null;
  completionsReason: string | null;
  /** Records that started in the window (records of them). */
  startedIds: number[];
  /** Records completed in the window (completions of them). */
  completedIds: number[];
};

export const NO_TRAINING_REASON = "No leadership training is recorded in the 12 months to this date";
const NO_LEADERS_REASON = "No clinical leaders in post";

export function trainingAt(training: readonly TrainingEntry[], leaders: number, d: string): Training {
  const from = windowStart(d);
  const inWindow = (date: string | null) => date !== null && date >= from && date <= d;
  const started = training.filter((t) => inWindow(t.startDate));
  const completed = training.filter((t) => t.status === "completed" && inWindow(t.completionDate));
  const hours = started.reduce((s, t) => s + t.hours, 0);
  const anyRecord = started.length > 0 || training.some((t) => inWindow(t.completionDate));
  const hoursReason = leaders === 0 ? NO_LEADERS_REASON : started.length === 0 ? NO_TRAINING_REASON : null;
  const completionsReason = leaders === 0 ? NO_LEADERS_REASON : !anyRecord ? NO_TRAINING_REASON : null;
  return {
    from,
    to: d,
    records: started.length,
    hours,
    completions: completed.length,
    leaders,
    hoursPerLeader: hoursReason === null ? hours / leaders : null,
    completionsPerLeader: completionsReason === null ? completed.length / leaders : null,
    hoursReason,
    completionsReason,
    startedIds: started.map((t) => t.id),
    completedIds: completed.map((t) => t.id),
  };
}
