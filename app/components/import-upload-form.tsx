// The import upload form. Without JavaScript it is a plain multipart POST (the server answers with a
// redirect to the preview). With JavaScript the same request goes through XMLHttpRequest so its
// upload progress can drive a <progress> bar (no inline styles: the CSP forbids them); when the server
// has checked the file, the browser follows to the preview page the server redirected to.
import { type FormEvent, useState } from "react";

type Kind = { value: string; label: string };

export function ImportUploadForm({
  kinds,
  defaultKind,
  action = "/imports/preview",
}: {
  kinds: readonly Kind[];
  defaultKind?: string | null;
  action?: string;
}) {
  const [progress, setProgress] = useState<number | null>(null);
  const [phase, setPhase] = useState<"idle" | "uploading" | "checking">("idle");
  const [error, setError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (typeof XMLHttpRequest === "undefined" || typeof FormData === "undefined") return; // let the browser post it
    event.preventDefault();
    const form = event.currentTarget;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.upload.onload = () => {
      setProgress(100);
      setPhase("checking");
    };
    xhr.onload = () => {
      if (xhr.status >= 400) {
        setPhase("idle");
        setProgress(null);
        setError(
          xhr.status === 413
            ? "The file is too large to upload. Split it, or ask an administrator to import it from the command line."
            : xhr.status === 403
              ? "You do not have permission to import this kind of file."
              : "The file could not be checked. Try again; if the problem continues, contact your administrator.",
        );
        return;
      }
      // The server redirected to the preview (or the errors); show that page.
      window.location.assign(xhr.responseURL || "/imports");
    };
    xhr.onerror = () => {
      setPhase("idle");
      setProgress(null);
      setError("The upload was interrupted. Check your connection and try again.");
    };
    setError(null);
    setProgress(0);
    setPhase("uploading");
    xhr.send(new FormData(form));
  }

  const busy = phase !== "idle";
  return (
    <form method="post" action={action} encType="multipart/form-data" onSubmit={onSubmit} className="nhs-card">
      <input type="hidden" name="intent" value="upload" />
      {error ? (
        <p role="alert" className="mb-4 border-l-4 border-nhs-red pl-4 font-bold text-nhs-red">
          <span className="sr-only">Error:</span> {error}
        </p>
      ) : null}
      <div className="mb-6">
        <label htmlFor="kind" className="mb-1 block font-bold">
          What the file contains
        </label>
        <select id="kind" name="kind" required defaultValue={defaultKind ?? ""} className="nhs-input">
          <option value="">Select…</option>
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <div className="mb-6">
        <label htmlFor="file" className="mb-1 block font-bold">
          File
        </label>
        <div id="file-hint" className="mb-2 text-nhs-secondary-text">
          CSV (UTF-8) or Excel (.xlsx, first worksheet), up to 200 MB. Title rows above the header and extra columns are fine. The whole
          file is checked before anything is saved.
        </div>
        <input
          id="file"
          name="file"
          type="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby="file-hint"
          className="block w-full max-w-xl"
        />
      </div>
      {busy ? (
        <div className="mb-6" role="status" aria-live="polite">
          <label htmlFor="upload-progress" className="mb-1 block font-bold">
            {phase === "uploading" ? `Uploading: ${progress ?? 0}%` : "Checking every row of the file…"}
          </label>
          {phase === "uploading" ? (
            <progress id="upload-progress" max={100} value={progress ?? 0} className="h-4 w-full max-w-xl">
              {progress ?? 0}%
            </progress>
          ) : (
            <progress id="upload-progress" className="h-4 w-full max-w-xl">
              Checking
            </progress>
          )}
        </div>
      ) : null}
      <button type="submit" className="nhs-button" disabled={busy}>
        Upload and check
      </button>
    </form>
  );
}
