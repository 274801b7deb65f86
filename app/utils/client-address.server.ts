// The network address a request really came from, for sign-in throttling, sessions and the audit
// trail. The server (scripts/serve.mjs, or any server that sets socketAddressContext) passes the
// TCP peer's address; X-Forwarded-For is believed only for TRUST_PROXY hops (the proxies we run),
// because anyone can send the header. A value that is not an IP address is never returned, so a
// forged header cannot put text such as `=HYPERLINK(` into the audit trail.
import { isIP } from "node:net";
import { createContext } from "react-router";
import { env } from "./env.server";

/** Set by the server's getLoadContext: the TCP peer's address. */
export const socketAddressContext = createContext<string | null>(null);

/**
 * The peer address travels with the request as a header that only the root middleware writes: React
 * Router hands loaders and actions a copy of the request the middleware saw, so a lookup keyed on the
 * request object would miss. Whatever a client sends in this header is deleted first.
 */
const PEER_HEADER = "x-tracker-peer-address";

/** Remembers the peer address of a request (the root middleware, from socketAddressContext). */
export function rememberSocketAddress(request: Request, address: string | null | undefined): void {
  request.headers.delete(PEER_HEADER);
  const normal = normaliseAddress(address);
  if (normal) request.headers.set(PEER_HEADER, normal);
}

/** An IP address in one spelling (IPv4-mapped IPv6 as IPv4, lower case, no zone), or null. */
export function normaliseAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  let v = value.trim().toLowerCase();
  if (v.startsWith("[") && v.includes("]")) v = v.slice(1, v.indexOf("]"));
  v = v.replace(/%.*$/, "");
  if (v.startsWith("::ffff:") && isIP(v.slice(7)) === 4) v = v.slice(7);
  return isIP(v) ? v : null;
}

/**
 * The client's address: the peer address, or with TRUST_PROXY = n, the address the n-th proxy
 * (counted from this server) says it was talking to. With fewer hops than n, the furthest one.
 * Null when unknown (no server-provided peer address, e.g. the development server).
 */
export function clientAddress(request: Request, trustProxy: number = env.TRUST_PROXY): string | null {
  const peer = normaliseAddress(request.headers.get(PEER_HEADER));
  if (trustProxy <= 0) return peer;
  const forwarded = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // The chain as this server sees it, nearest last: the peer is the nearest proxy.
  const chain = [...forwarded, ...(peer ? [peer] : [])];
  if (chain.length === 0) return null;
  const index = Math.max(0, chain.length - 1 - trustProxy);
  return normaliseAddress(chain[index]);
}

/**
 * The throttling key of an address: IPv6 by its /64 (one household or device gets a whole /64,
 * so counting single IPv6 addresses would give an attacker endless fresh counts).
 */
export function addressBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  return `${groups.slice(0, 4).join(":")}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head, tail] = address.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4 forms that are not mapped) counts as two groups.
  const groups = [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t];
  return groups.map((g) => (g.includes(".") ? g : g.padStart(4, "0")));
}
