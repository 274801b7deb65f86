// The "Closed" tag of an organisation the NHS's organisation data marks closed (kept with its history,
// left out of current views and peer groups), with the date in words for assistive technology.
import { formatDate } from "~/domain/text";

export function ClosedTag({ closedOn }: { closedOn: string }) {
  return (
    <strong
      className="ml-2 inline-block whitespace-nowrap rounded border-2 border-nhs-mid-grey bg-nhs-pale-grey px-2 py-0.5 text-nhs-14 font-bold text-[#33404A]"
      title={`Closed on ${formatDate(closedOn)}`}
      data-closed={closedOn}
    >
      Closed<span className="sr-only"> on {formatDate(closedOn)}</span>
    </strong>
  );
}
