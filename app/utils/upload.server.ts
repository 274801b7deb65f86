// Streams a multipart upload straight to a file on disk (busboy), enforcing the size limit while the
// bytes arrive: a file over the limit is cut off, deleted and refused without ever being held in memory.
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { createWriteStream, rmSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";

/** The largest upload accepted (bigger files go through the command line). */
export const MAX_UPLOAD_BYTES = Number(process.env.IMPORT_MAX_UPLOAD_BYTES ?? 200 * 1024 * 1024);

export class UploadRefused extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413,
  ) {
    super(message);
    this.name = "UploadRefused";
  }
}

export type StreamedUpload = { fields: Record<string, string>; file: { name: string; path: string; bytes: number } | null };

/**
 * Reads the form's text fields and its one file (field `fileField`), writing the file to `target`.
 * Throws UploadRefused for a file over the limit or a malformed form; the partial file is removed.
 */
export async function streamUpload(
  request: Request,
  target: string,
  opts: { fileField?: string; maxBytes?: number } = {},
): Promise<StreamedUpload> {
  const maxBytes = opts.maxBytes ?? MAX_UPLOAD_BYTES;
  const fileField = opts.fileField ?? "file";
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(type) || !request.body) throw new UploadRefused("Choose a file to upload.", 400);
  const declared = Number(request.headers.get("content-length") ?? "0");
  // A body declared far over the limit is refused before reading it.
  if (declared > maxBytes + 1024 * 1024) throw new UploadRefused(tooLarge(maxBytes), 413);

  const fields: Record<string, string> = {};
  let file: StreamedUpload["file"] = null;
  let refused: UploadRefused | null = null;
  const writes: Promise<void>[] = [];
  const parser = busboy({
    headers: { "content-type": type },
    limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 64 * 1024, parts: 25 },
  });
  parser.on("field", (name, value) => {
    fields[name] = value;
  });
  parser.on("file", (name, stream, info) => {
    if (name !== fileField || file) {
      stream.resume();
      return;
    }
    const entry = { name: (info.filename ?? "").slice(0, 200), path: target, bytes: 0 };
    file = entry;
    stream.on("data", (chunk: Buffer) => (entry.bytes += chunk.length));
    stream.on("limit", () => {
      refused = new UploadRefused(tooLarge(maxBytes), 413);
    });
    writes.push(pipeline(stream, createWriteStream(target, { mode: 0o600 })));
  });
  parser.on("filesLimit", () => {
    refused ??= new UploadRefused("Upload one file at a time.", 400);
  });
  try {
    await pipeline(Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), parser);
    await Promise.all(writes);
  } catch {
    rmSync(target, { force: true });
    throw refused ?? new UploadRefused("The upload was interrupted or is not a valid form. Try again.", 400);
  }
  if (refused) {
    rmSync(target, { force: true });
    throw refused;
  }
  return { fields, file };
}

function tooLarge(maxBytes: number): string {
  return `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB. Split it into smaller files, or ask an administrator to import it from the command line.`;
}
