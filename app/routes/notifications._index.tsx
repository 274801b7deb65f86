// /notifications — the signed-in user's alerts (newest first), read or unread; each links to where it
// is dealt with. POST marks one or all read (or one unread). Any signed-in user; only their own rows.
import { redirect } from "react-router";
import type { Route } from "./+types/notifications._index";
import { listNotifications, markNotifications } from "~/models/notification.server";
import { requireUser } from "~/utils/auth.server";
import { emailEnabled } from "~/utils/mailer.server";

export const meta: Route.MetaFunction = () => [{ title: "Notifications – Leadership engagement tracker" }];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requireUser(request);
  return { notifications: await listNotifications(user.id), emailOn: emailEnabled() };
}

export async function action({ request }: Route.ActionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const id = Number(form.get("id"));
  const intent = String(form.get("intent") ?? "read");
  if (intent === "read_all") await markNotifications(user.id, "all", true);
  else if (Number.isInteger(id) && id > 0) await markNotifications(user.id, [id], intent !== "unread");
  throw redirect("/notifications");
}

export default function Notifications({ loaderData: d }: Route.ComponentProps) {
  const unread = d.notifications.filter((n) => !n.readAt).length;
  return (
    <>
      <h1>Notifications</h1>
      <p>
        {unread === 0 ? "You have no unread notifications." : `You have ${unread} unread notification${unread === 1 ? "" : "s"}.`}{" "}
        {d.emailOn
          ? "Alerts also come by email unless you turn them off."
          : "Email is off: SMTP_URL is not set, so alerts are shown here only."}{" "}
        <a href="/notifications/settings">Email settings</a>
      </p>
      {unread > 0 ? (
        <form method="post" className="mb-4">
          <button type="submit" name="intent" value="read_all" className="nhs-button-secondary">
            Mark all as read
          </button>
        </form>
      ) : null}
      {d.notifications.length === 0 ? (
        <p>
          Nothing yet. You will be told here when your organisation's gap status becomes widening or watch, when new survey results arrive,
          and when an action you own is overdue.
        </p>
      ) : (
        <ul className="list-none pl-0" data-testid="notifications">
          {d.notifications.map((n) => (
            <li key={n.id} className={`nhs-card mb-3 ${n.readAt ? "" : "border-l-8 border-nhs-blue"}`}>
              <h2 className="mt-0 mb-1 text-nhs-19">
                {n.readAt ? null : <strong className="mr-2 text-nhs-blue">Unread</strong>}
                <a href={n.link}>{n.title}</a>
              </h2>
              <p className="mb-1">{n.body}</p>
              <div className="m-0 flex flex-wrap items-center gap-4 text-nhs-14 text-nhs-secondary-text">
                <span>{n.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC</span>
                <form method="post" className="inline">
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" name="intent" value={n.readAt ? "unread" : "read"} className="underline">
                    Mark as {n.readAt ? "unread" : "read"}
                    <span className="sr-only">: {n.title}</span>
                  </button>
                </form>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
