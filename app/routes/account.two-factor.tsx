// /account/two-factor — administrators who sign in with a password add (or remove) a second factor:
// a 6-digit code from an authenticator app (TOTP, RFC 6238) asked for after the password.
import { data, redirect } from "react-router";
import type { Route } from "./+types/account.two-factor";
import { ErrorSummary, SubmitButton, SuccessBanner, TextField } from "~/components/form";
import { TotpError, disableTotp, enableTotp, mayUseTotp, newTotpSecret } from "~/models/totp.server";
import { forbidden, requireScope } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export const meta: Route.MetaFunction = () => [{ title: "Second factor – Leadership engagement tracker" }];

const CODE_LABEL = "Code from your authenticator app";

async function account(userId: number) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, role: true, passwordHash: true, totpEnabledAt: true },
  });
  if (!mayUseTotp(user)) forbidden("Only administrators who sign in with a password can add a second factor. Single sign-on has its own.");
  return user;
}

export async function loader({ request }: Route.LoaderArgs) {
  const { user } = await requireScope(request, "users:manage");
  const me = await account(user.id);
  const saved = new URL(request.url).searchParams.get("saved");
  if (me.totpEnabledAt) return { enabled: true as const, since: me.totpEnabledAt.toISOString().slice(0, 10), saved };
  const { secret, uri } = newTotpSecret(me.email);
  return { enabled: false as const, secret, uri, saved };
}

export async function action({ request }: Route.ActionArgs) {
  const { user, actor } = await requireScope(request, "users:manage");
  await account(user.id);
  const form = await request.formData();
  const code = String(form.get("code") ?? "");
  try {
    if (form.get("intent") === "disable") {
      await disableTotp(actor, user.id, code);
      throw redirect("/account/two-factor?saved=off");
    }
    const secret = String(form.get("secret") ?? "");
    if (!/^[A-Z2-7]{16,}$/.test(secret)) return data({ errors: { _form: ["Start again: the key was not sent."] } }, { status: 400 });
    await enableTotp(actor, user.id, secret, code);
  } catch (error) {
    if (error instanceof TotpError) return data({ errors: { code: [error.message] } }, { status: 400 });
    throw error;
  }
  throw redirect("/account/two-factor?saved=on");
}

export default function TwoFactor({ loaderData: d, actionData }: Route.ComponentProps) {
  const errors = actionData?.errors;
  return (
    <div className="max-w-3xl">
      {d.saved === "on" && !errors ? (
        <SuccessBanner>The second factor is on. From now on you will be asked for a code after your password.</SuccessBanner>
      ) : null}
      {d.saved === "off" && !errors ? <SuccessBanner>The second factor is off.</SuccessBanner> : null}
      <h1>Second factor for your password</h1>
      <ErrorSummary errors={errors} labels={{ code: CODE_LABEL }} />
      {d.enabled ? (
        <>
          <p>You have used an authenticator app as a second factor since {d.since}.</p>
          <h2>Turn it off</h2>
          <form method="post" noValidate>
            <input type="hidden" name="intent" value="disable" />
            <TextField name="code" label={CODE_LABEL} inputMode="numeric" autoComplete="one-time-code" width="w-32" errors={errors} />
            <SubmitButton variant="warning">Turn off the second factor</SubmitButton>
          </form>
        </>
      ) : (
        <>
          <p>
            After your password, you will be asked for the 6-digit code an authenticator app (for example Microsoft Authenticator) shows.
          </p>
          <ol className="list-decimal pl-6">
            <li>
              In the app, add an account and choose to enter a setup key. Enter this key (time based):
              <p className="my-2 font-mono text-nhs-19 break-all" data-testid="totp-secret">
                {d.secret.match(/.{1,4}/g)!.join(" ")}
              </p>
              <details className="mb-4">
                <summary>The setup address, for apps that take one</summary>
                <p className="break-all font-mono">{d.uri}</p>
              </details>
            </li>
            <li>Enter the code the app shows, to check it works.</li>
          </ol>
          <form method="post" noValidate>
            <input type="hidden" name="secret" value={d.secret} />
            <TextField name="code" label={CODE_LABEL} inputMode="numeric" autoComplete="one-time-code" width="w-32" errors={errors} />
            <SubmitButton>Turn on the second factor</SubmitButton>
          </form>
        </>
      )}
    </div>
  );
}
