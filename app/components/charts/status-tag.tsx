// A gap status shown as word + colour + icon (never colour alone), in the NHS tag style.
import { type GapStatus, statusLabel } from "~/domain/gap";

/** Plain-English meaning of each status (for legends, the methodology page and tooltips). */
export const statusMeanings: Record<GapStatus, string> = {
  widening: "The gap between managers and clinicians is getting wider, clearly and by enough to matter.",
  watch: "Early warning: the gap may be widening, but it is not yet statistically clear, or the control chart shows an unusual pattern.",
  narrowing: "The gap is getting smaller, clearly and by enough to matter.",
  stable: "No clear change in the gap.",
  insufficient_data: "Too few usable survey waves to judge a trend.",
};

const CLASSES: Record<GapStatus, string> = {
  widening: "border-nhs-red bg-[#F7D4D1] text-[#6B140E]",
  watch: "border-[#B35F00] bg-[#FFF2CC] text-[#5C3100]",
  narrowing: "border-nhs-green bg-[#CCE5D8] text-[#00401E]",
  stable: "border-nhs-blue bg-[#DCEBF7] text-nhs-dark-blue",
  insufficient_data: "border-nhs-mid-grey bg-nhs-pale-grey text-[#33404A]",
};

/** The status icon alone (decorative: always shown with its word). */
export function StatusIcon({ status, size = 16 }: { status: GapStatus; size?: number }) {
  const common = { width: size, height: size, viewBox: "0 0 16 16", "aria-hidden": true, focusable: false } as const;
  switch (status) {
    case "widening": // arrows pointing apart
      return (
        <svg {...common}>
          <path
            d="M1 8h14M1 8l4-4M1 8l4 4M15 8l-4-4M15 8l-4 4"
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      );
    case "watch": // warning triangle with exclamation
      return (
        <svg {...common}>
          <path d="M8 1.5L15 14.5H1Z" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinejoin="round" />
          <path d="M8 6v4.2" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" />
          <circle cx={8} cy={12.3} r={1} fill="currentColor" />
        </svg>
      );
    case "narrowing": // arrows pointing together
      return (
        <svg {...common}>
          <path
            d="M1 8h5M6 8L3 5M6 8l-3 3M15 8h-5M10 8l3-3M10 8l3 3"
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      );
    case "stable": // level line
      return (
        <svg {...common}>
          <path d="M2 6h12M2 10h12" stroke="currentColor" strokeWidth={2} strokeLinecap="round" />
        </svg>
      );
    default: // question mark in a circle
      return (
        <svg {...common}>
          <circle cx={8} cy={8} r={6.5} fill="none" stroke="currentColor" strokeWidth={1.5} />
          <path d="M6 6.3a2 2 0 1 1 2.6 1.9c-.4.2-.6.5-.6.9v.6" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" />
          <circle cx={8} cy={11.6} r={0.9} fill="currentColor" />
        </svg>
      );
  }
}

/** The status tag: icon, word and colour. */
export function StatusTag({ status, className }: { status: GapStatus; className?: string }) {
  return (
    <strong
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded border-2 px-2 py-0.5 text-nhs-14 font-bold ${CLASSES[status]} ${className ?? ""}`}
      data-status={status}
    >
      <StatusIcon status={status} />
      {statusLabel(status)}
    </strong>
  );
}
