// "Also send the link by email" on the invitation and password-reset forms; says so when email is off.
export function SendByEmail({ on }: { on: boolean }) {
  if (!on) return <p className="text-nhs-secondary-text">Email is off (SMTP_URL is not set): pass the link on yourself.</p>;
  return (
    <div className="mb-6 flex items-center gap-3">
      <input type="checkbox" id="sendEmail" name="sendEmail" value="yes" defaultChecked className="h-6 w-6" />
      <label htmlFor="sendEmail">Also send the link to them by email</label>
    </div>
  );
}
