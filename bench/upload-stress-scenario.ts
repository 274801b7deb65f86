// The hostile-upload scenario of issue 11, against the built app on loopback: two HR users upload a
// zip-bomb workbook (~6 MB that inflates to 2 GB) at the same time as an administrator uploads a
// 150 MB CSV, while another user loads pages and /healthz is polled. Measures the worst /healthz and
// page times and the server's peak RSS (the process, worker threads included). Used by the stress
// test (tests/integration/imports/upload-stress.test.ts) and by `npm run bench uploads`.
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, openAsBlob, readFileSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { deflateRawSync, constants as zlib } from "node:zlib";

export type StressFigures = {
  worstHealthMs: number;
  healthChecks: number;
  worstPageMs: number;
  pageLoads: number;
  startRssMb: number;
  peakRssMb: number;
  uploads: { name: string; status: number; outcome: string; seconds: number }[];
};

/**
 * An XLSX-shaped zip whose worksheet inflates to `inflated` bytes: one deflate block of repeated rows,
 * fully flushed so it can be repeated, then a final empty block. (The CRC is not computed: the
 * archive is meant to be refused before anything inflates it.) With `lie`, the archive declares a
 * small inflated size, so only the limits applied while reading can stop it.
 */
export function writeZipBomb(file: string, inflated = 2 * 1024 * 1024 * 1024, opts: { lie?: boolean } = {}): number {
  const row = '<row r="1"><c r="A1" t="inlineStr"><is><t>XA1</t></is></c></row>';
  const chunk = Buffer.from(row.repeat(Math.floor((16 * 1024 * 1024) / row.length)));
  const block = deflateRawSync(chunk, { level: 9, finishFlush: zlib.Z_FULL_FLUSH });
  const repeats = Math.floor(inflated / chunk.length);
  const data = Buffer.concat([...Array.from({ length: repeats }, () => block), Buffer.from([0x03, 0x00])]);
  const entries = [
    {
      name: "[Content_Types].xml",
      method: 0,
      body: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      size: 0,
    },
    { name: "xl/workbook.xml", method: 0, body: Buffer.from('<?xml version="1.0"?><workbook/>'), size: 0 },
    { name: "xl/worksheets/sheet1.xml", method: 8, body: data, size: chunk.length * repeats },
  ].map((e) => ({ ...e, size: e.method === 0 ? e.body.length : opts.lie ? e.body.length * 3 : e.size }));
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.body.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(e.method, 10);
    cd.writeUInt32LE(e.body.length, 20);
    cd.writeUInt32LE(e.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, e.body);
    central.push(cd, name);
    offset += 30 + name.length + e.body.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  const zip = Buffer.concat([...parts, cdBytes, end]);
  writeFileSync(file, zip);
  return zip.length;
}

/** A raw survey responses CSV of about `bytes` bytes (a free-text comments column, ignored, pads each row). */
export async function writeBigResponsesCsv(file: string, ods: string, bytes = 150 * 1024 * 1024): Promise<number> {
  const out = createWriteStream(file);
  const items = [
    "motivation_1",
    "motivation_2",
    "motivation_3",
    "involvement_1",
    "involvement_2",
    "involvement_3",
    "advocacy_1",
    "advocacy_2",
    "advocacy_3",
  ];
  out.write(["ods_code", "survey", "fieldwork", "staff_group", ...items, "comments"].join(",") + "\n");
  const groups = ["consultant", "sas_doctor", "nurse_midwife", "general_manager", "service_manager"];
  const comment = "No comment given by this fictional respondent; the column pads the file to a realistic size for a test.".padEnd(
    100,
    ".",
  );
  let written = 0;
  let rows = 0;
  let chunk = "";
  while (written < bytes) {
    const line = `${ods},NSS,2025-10,${groups[rows % groups.length]},${1 + (rows % 5)},4,3,${1 + ((rows >> 1) % 5)},4,,4,3,${1 + ((rows >> 2) % 5)},${comment}\n`;
    chunk += line;
    written += line.length;
    rows++;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  return rows;
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export async function startServer(root: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
  const server = spawn(process.execPath, [path.join(root, "node_modules/@react-router/serve/bin.js"), "build/server/index.js"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), SECURE_COOKIES: "false", ...env },
    detached: true,
    stdio: "ignore",
  });
  const base = `http://127.0.0.1:${port}`;
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill("SIGTERM");
  throw new Error("the server did not start");
}

export function stopServer(server: ChildProcess): void {
  if (server.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
}

/**
 * A freshly started server spends 0.5–2 s of its event loop on the first request of each route
 * (loading route modules, compiling queries): measured separately, it is not what uploads cost, so the
 * pages and the upload action are requested once before the scenario starts.
 */
export async function warmUp(base: string, pages: readonly string[], cookies: readonly string[]): Promise<void> {
  for (const cookie of cookies) for (const page of pages) await (await fetch(`${base}${page}`, { headers: { cookie } })).arrayBuffer();
  const form = new FormData();
  form.set("kind", "not-a-kind");
  form.set("file", new Blob(["a,b\n1,2\n"]), "warm-up.csv");
  await (
    await fetch(`${base}/imports/preview`, { method: "POST", body: form, headers: { cookie: cookies[0]!, origin: base } })
  ).arrayBuffer();
}

/** Runs the scenario against a started server; cookies are "name=value" session cookies of four users. */
export async function uploadStress(opts: {
  port: number;
  pid: number;
  files: { bomb: string; csv: string };
  cookies: { hrA: string; hrB: string; admin: string; reader: string };
  page: string;
}): Promise<StressFigures> {
  const base = `http://127.0.0.1:${opts.port}`;
  await warmUp(base, [opts.page, "/imports", "/imports/preview"], Object.values(opts.cookies));
  const figures: StressFigures = {
    worstHealthMs: 0,
    healthChecks: 0,
    worstPageMs: 0,
    pageLoads: 0,
    startRssMb: rssMb(opts.pid),
    peakRssMb: 0,
    uploads: [],
  };
  let running = true;
  const sampler = setInterval(() => (figures.peakRssMb = Math.max(figures.peakRssMb, rssMb(opts.pid))), 50);
  const poll = async (url: string, cookie: string | null, record: (ms: number) => void) => {
    while (running) {
      const t = performance.now();
      try {
        const res = await fetch(url, { headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
      } catch {
        /* counted by its time */
      }
      record(performance.now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const health = poll(`${base}/healthz`, null, (ms) => {
    figures.healthChecks++;
    figures.worstHealthMs = Math.max(figures.worstHealthMs, ms);
  });
  const pages = poll(`${base}${opts.page}`, opts.cookies.reader, (ms) => {
    figures.pageLoads++;
    figures.worstPageMs = Math.max(figures.worstPageMs, ms);
  });
  const upload = async (name: string, kind: string, file: string, cookie: string) => {
    const t = performance.now();
    const form = new FormData();
    form.set("kind", kind);
    form.set("file", await openAsBlob(file), path.basename(file));
    const res = await fetch(`${base}/imports/preview`, {
      method: "POST",
      body: form,
      headers: { cookie, origin: base },
      redirect: "manual",
    });
    let outcome = `HTTP ${res.status}`;
    const location = res.headers.get("location");
    await res.arrayBuffer();
    if (location) {
      const page = await (await fetch(new URL(location, base), { headers: { cookie } })).text();
      outcome = /would expand/.test(page)
        ? "refused: would expand beyond the limits"
        : /Check and confirm the import/.test(page)
          ? "checked: ready to confirm"
          : /too large/.test(page)
            ? "refused: too large"
            : (/<h1[^>]*>([^<]*)</.exec(page)?.[1] ?? "unknown");
    }
    figures.uploads.push({ name, status: res.status, outcome, seconds: (performance.now() - t) / 1000 });
  };
  try {
    await Promise.all([
      upload("zip bomb A (HR)", "roles", opts.files.bomb, opts.cookies.hrA),
      upload("zip bomb B (HR)", "roles", opts.files.bomb, opts.cookies.hrB),
      upload("150 MB responses CSV (administrator)", "responses", opts.files.csv, opts.cookies.admin),
    ]);
  } finally {
    running = false;
    clearInterval(sampler);
    await Promise.all([health, pages]);
  }
  figures.peakRssMb = Math.max(figures.peakRssMb, rssMb(opts.pid));
  return figures;
}

/** A survey results CSV of `rows` distinct results (one local measure each) for one organisation. */
export async function writeManyResultsCsv(file: string, ods: string, rows = 200_000): Promise<void> {
  const out = createWriteStream(file);
  out.write("ods_code,survey,fieldwork,staff_group,measure,scale,value,respondents,sd\n");
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    chunk += `${ods},LOCAL,2025-10,consultant,local_measure_${i},score_0_10,${(i % 100) / 10},${20 + (i % 50)},\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

export type ConfirmUndoFigures = {
  rows: number;
  previewSeconds: number;
  confirmSeconds: number;
  undoSeconds: number;
  worstHealthMs: number;
  healthChecks: number;
  peakRssMb: number;
  batchId: number | null;
  undone: boolean;
};

/** Uploads, confirms and undoes a 200,000-row import while /healthz is polled. */
export async function confirmUndoStress(opts: {
  port: number;
  pid: number;
  file: string;
  cookie: string;
  rows: number;
}): Promise<ConfirmUndoFigures> {
  const base = `http://127.0.0.1:${opts.port}`;
  await warmUp(base, ["/imports"], [opts.cookie]);
  const f: ConfirmUndoFigures = {
    rows: opts.rows,
    previewSeconds: 0,
    confirmSeconds: 0,
    undoSeconds: 0,
    worstHealthMs: 0,
    healthChecks: 0,
    peakRssMb: rssMb(opts.pid),
    batchId: null,
    undone: false,
  };
  let running = true;
  const sampler = setInterval(() => (f.peakRssMb = Math.max(f.peakRssMb, rssMb(opts.pid))), 50);
  const health = (async () => {
    while (running) {
      const t = performance.now();
      try {
        await (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(30_000) })).arrayBuffer();
      } catch {
        /* counted by its time */
      }
      f.worstHealthMs = Math.max(f.worstHealthMs, performance.now() - t);
      f.healthChecks++;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const post = (url: string, body: FormData | URLSearchParams) =>
    fetch(`${base}${url}`, { method: "POST", body, headers: { cookie: opts.cookie, origin: base }, redirect: "manual" });
  try {
    let t = performance.now();
    const form = new FormData();
    form.set("kind", "pulse");
    form.set("file", await openAsBlob(opts.file), "results.csv");
    const up = await post("/imports/preview", form);
    await up.arrayBuffer();
    f.previewSeconds = (performance.now() - t) / 1000;
    const token = new URL(up.headers.get("location") ?? "/", base).searchParams.get("token");
    if (!token) return f;
    t = performance.now();
    const confirm = await post("/imports/preview", new URLSearchParams({ intent: "confirm", token }));
    await confirm.arrayBuffer();
    f.confirmSeconds = (performance.now() - t) / 1000;
    f.batchId = Number(/applied=(\d+)/.exec(confirm.headers.get("location") ?? "")?.[1]) || null;
    if (!f.batchId) return f;
    t = performance.now();
    const undo = await post(`/imports/${f.batchId}/undo`, new URLSearchParams({}));
    await undo.arrayBuffer();
    f.undoSeconds = (performance.now() - t) / 1000;
    f.undone = /undone=/.test(undo.headers.get("location") ?? "");
  } finally {
    running = false;
    clearInterval(sampler);
    await health;
  }
  return f;
}
