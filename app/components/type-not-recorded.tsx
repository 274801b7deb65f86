// The notice on a trust's pages when its type is "not recorded" (the ODS import does not carry it):
// for those who may set it, with a link to the field. Without a type the trust has no same-type peer
// group and is in no other trust's (app/domain/benchmarks/peer-groups.ts).
import { WarningCallout } from "~/components/form";
import { NOT_RECORDED } from "~/domain/vocab";

export function TypeNotRecorded({ org, canSet }: { org: { id: number; type: string }; canSet: boolean }) {
  if (org.type !== NOT_RECORDED || !canSet) return null;
  return (
    <WarningCallout title="This trust's type is not recorded" level={2}>
      <p>
        The NHS's organisation file does not say whether a trust is acute, mental health, community, ambulance or specialist. Until its type
        is set, this trust is not compared with trusts of the same type, and it is left out of other trusts' same-type comparisons.
      </p>
      <p className="m-0">
        <a href={`/organisations/${org.id}/edit#type`}>Set the trust type</a>
      </p>
    </WarningCallout>
  );
}
