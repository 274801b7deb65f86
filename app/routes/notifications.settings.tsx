// /notifications/settings — which alerts the signed-in user also receives by email (all on by default).
import { redirect } from "react-router";
import type { Route } from "./+types/notifications.settings";
import { SubmitButton, SuccessBanner } from "~/components/form";
import { alertKinds, alertKindValues } from "~/domain/alerts";
import { emailPreferences, saveEmailPreferences } from "~/models/notification.server";
import { actorOf, requireUser } from "~/utils/auth.server";
import { emailEnabled } from "~/utils/mailer.server";

export const meta: Route.MetaFunction = () => [{ title: "Email settings – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  return {
    preferences: await emailPreferences(user.id),
    email: user.email,
    emailOn: emailEnabled(),
    saved: new URL(request.url).searchParams.has("saved"),
  };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const on = new Set(
    form
      .getAll("email")
      .map(String)
      .filter((k) => (alertKindValues as string[]).includes(k)),
  );
  await saveEmailPreferences(actorOf(user, request), user.id, on);
  throw redirect("/notifications/settings?saved=1");
}

export default function EmailSettings({ loaderData: d }: Route.ComponentProps) {
  return (
    <div className="max-w-3xl">
      <p className="no-print">
        <a href="/notifications">Back to notifications</a>
      </p>
      <h1>Email settings</h1>
      {d.saved ? <SuccessBanner>Your email settings have been saved.</SuccessBanner> : null}
      {d.emailOn ? (
        <p>Alerts are sent to {d.email}. They are always listed under Notifications as well.</p>
      ) : (
        <p>
          <strong>Email is off</strong> for this tracker (SMTP_URL is not set): alerts are shown under Notifications only. Your choices
          below apply when email is turned on.
        </p>
      )}
      <form method="post">
        <fieldset className="mb-6">
          <legend className="mb-2 text-nhs-22 font-bold">Send me an email when</legend>
          {alertKindValues.map((kind) => (
            <div key={kind} className="mb-3 flex items-center gap-3">
              <input
                type="checkbox"
                id={`email-${kind}`}
                name="email"
                value={kind}
                defaultChecked={d.preferences[kind]}
                className="h-6 w-6"
              />
              <label htmlFor={`email-${kind}`}>{alertKinds[kind]}</label>
            </div>
          ))}
        </fieldset>
        <SubmitButton>Save email settings</SubmitButton>
      </form>
    </div>
  );
}
