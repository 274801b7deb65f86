// Making Data Count variation and assurance icons (drawn in the MDC style, always with words), the
// badges used in tables and the key. The words come from app/domain/board/mdc.ts, shared with the PDF.
import { type Assurance, type Variation, assuranceLabels, assuranceShort, variationLabels, variationShort } from "~/domain/board";
import { FONT } from "./svg-ids";

const MDC = { blue: "#005EB8", orange: "#ED8B00", grey: "#768692", paleGrey: "#E8EDEE", text: "#231f20" } as const;

/** The MDC variation icon (decorative: always shown with its words). */
export function VariationIcon({ variation, size = 30, className = "" }: { variation: Variation; size?: number; className?: string }) {
  const improving = variation.startsWith("special_cause_improving");
  const concerning = variation.startsWith("special_cause_concerning");
  const colour = improving ? MDC.blue : concerning ? MDC.orange : MDC.grey;
  const high = variation.endsWith("_high");
  const letter = improving || concerning ? (high ? "H" : "L") : null;
  const dots = [
    [8, 22],
    [13, 19],
    [18, 22],
    [23, 19],
    [28, 21],
    [33, 18],
  ];
  const special = high
    ? [
        [28, 13],
        [33, 9],
      ]
    : [
        [28, 27],
        [33, 31],
      ];
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 40 40"
      aria-hidden="true"
      focusable="false"
      className={`inline-block shrink-0 align-middle ${className}`}
    >
      <circle
        cx={20}
        cy={20}
        r={18}
        fill="#FFFFFF"
        stroke={variation === "not_enough_data" ? MDC.grey : colour}
        strokeWidth={3}
        strokeDasharray={variation === "not_enough_data" ? "4 3" : undefined}
      />
      {variation === "not_enough_data" ? (
        <text x={20} y={25} textAnchor="middle" fontSize={14} fontWeight="bold" fill={MDC.grey} fontFamily={FONT}>
          ?
        </text>
      ) : letter ? (
        <>
          <polyline
            points={
              dots
                .slice(0, 4)
                .map((p) => p.join(","))
                .join(" ") +
              " " +
              special.map((p) => p.join(",")).join(" ")
            }
            fill="none"
            stroke={MDC.grey}
            strokeWidth={1.2}
          />
          {dots.slice(0, 4).map(([x, y]) => (
            <circle key={`${x}`} cx={x} cy={y} r={2} fill={MDC.grey} />
          ))}
          {special.map(([x, y]) => (
            <circle key={`s${x}`} cx={x} cy={y} r={2.6} fill={colour} />
          ))}
          <text x={13} y={high ? 14 : 34} textAnchor="middle" fontSize={13} fontWeight="bold" fill={colour} fontFamily={FONT}>
            {letter}
          </text>
        </>
      ) : (
        <>
          <polyline points={dots.map((p) => p.join(",")).join(" ")} fill="none" stroke={MDC.grey} strokeWidth={1.2} />
          {dots.map(([x, y]) => (
            <circle key={`${x}`} cx={x} cy={y} r={2.2} fill={MDC.grey} />
          ))}
        </>
      )}
    </svg>
  );
}

/** The MDC assurance icon (decorative: always shown with its words). */
export function AssuranceIcon({ assurance, size = 30, className = "" }: { assurance: Assurance; size?: number; className?: string }) {
  const colour = assurance === "pass" ? MDC.blue : assurance === "fail" ? MDC.orange : MDC.grey;
  const letter = assurance === "pass" ? "P" : assurance === "fail" ? "F" : assurance === "hit_and_miss" ? "?" : "–";
  const dashed = assurance === "no_target" || assurance === "not_enough_data";
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 40 40"
      aria-hidden="true"
      focusable="false"
      className={`inline-block shrink-0 align-middle ${className}`}
    >
      <circle
        cx={20}
        cy={20}
        r={18}
        fill={dashed ? "#FFFFFF" : colour}
        stroke={colour}
        strokeWidth={3}
        strokeDasharray={dashed ? "4 3" : undefined}
      />
      {assurance === "hit_and_miss" || assurance === "pass" || assurance === "fail" ? (
        <line
          x1={7}
          x2={33}
          y1={assurance === "pass" ? 31 : assurance === "fail" ? 9 : 20}
          y2={assurance === "pass" ? 31 : assurance === "fail" ? 9 : 20}
          stroke="#FFFFFF"
          strokeWidth={1.5}
          strokeDasharray="3 2"
        />
      ) : null}
      <text x={20} y={26} textAnchor="middle" fontSize={17} fontWeight="bold" fill={dashed ? MDC.grey : "#FFFFFF"} fontFamily={FONT}>
        {letter}
      </text>
    </svg>
  );
}

export function VariationBadge({ variation }: { variation: Variation }) {
  return (
    <span className="inline-flex items-center gap-1.5" title={variationLabels[variation]}>
      <VariationIcon variation={variation} size={26} className="print:h-4 print:w-4" />
      <span>{variationShort[variation]}</span>
    </span>
  );
}

export function AssuranceBadge({ assurance }: { assurance: Assurance }) {
  return (
    <span className="inline-flex items-center gap-1.5" title={assuranceLabels[assurance]}>
      <AssuranceIcon assurance={assurance} size={26} className="print:h-4 print:w-4" />
      <span>{assuranceShort[assurance]}</span>
    </span>
  );
}

// Entries whose short words explain themselves are left off the printed page to keep it to one A4 page.
const SELF_EXPLANATORY = new Set<string>(["not_enough_data", "no_target"]);

/**
 * A key to the MDC icons, in the same words the rows use (variationShort / assuranceShort from the
 * domain), so the key can never say something the rows do not.
 */
export function MdcKey() {
  const variations: Variation[] = [
    "special_cause_concerning_high",
    "special_cause_concerning_low",
    "special_cause_improving_high",
    "special_cause_improving_low",
    "common_cause",
    "not_enough_data",
  ];
  const assurances: Assurance[] = ["pass", "fail", "hit_and_miss", "no_target", "not_enough_data"];
  return (
    <ul
      className="m-0 flex list-none flex-wrap gap-x-4 gap-y-1 p-0 text-nhs-14 print:gap-x-2 print:gap-y-0 print:text-[6.5pt] print:leading-tight"
      aria-label="Key to the Making Data Count icons"
    >
      {variations.map((v) => (
        <li key={v} className={`flex items-center gap-1 ${SELF_EXPLANATORY.has(v) ? "print:hidden" : ""}`} data-key={v}>
          <VariationIcon variation={v} size={18} className="print:h-3 print:w-3" />
          <span>
            <strong className="font-bold">{variationShort[v]}</strong>
            <span className="print:hidden">: {variationLabels[v].toLowerCase()}</span>
          </span>
        </li>
      ))}
      {assurances.map((a) => (
        <li key={a} className={`flex items-center gap-1 ${SELF_EXPLANATORY.has(a) ? "print:hidden" : ""}`} data-key={a}>
          <AssuranceIcon assurance={a} size={18} className="print:h-3 print:w-3" />
          <span>
            <strong className="font-bold">{assuranceShort[a]}</strong>
            <span className="print:hidden">: {assuranceLabels[a].toLowerCase()}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
