// The document, the service header and navigation, and the last-resort error page.
import { useEffect } from "react";
import {
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useMatches,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import "./app.css";
import { userRoles } from "./domain/vocab";
import { hydrates } from "./utils/read-only-page";
import { currentUser } from "./utils/auth.server";
import { busyAware } from "./utils/db-busy.server";
import { oneFingerprintPerRead } from "./models/computed-cache.server";
import { can } from "./utils/permissions";
import { rememberSocketAddress, socketAddressContext } from "./utils/client-address.server";
import {
  assertBodySize,
  assertNotCrossSiteDownload,
  assertSameOrigin,
  newNonce,
  nonceContext,
  withSecurityHeaders,
} from "./utils/security.server";

export const middleware: Route.MiddlewareFunction[] = [
  // 1. Security headers on every response (pages, downloads, redirects and error pages). It runs
  //    outermost, so a request refused by the checks below still gets the headers: next() returns
  //    the error response rather than throwing.
  async ({ context }, next) => {
    const nonce = newNonce();
    context.set(nonceContext, nonce);
    const response = (await next()) as Response;
    return withSecurityHeaders(response, nonce);
  },
  // 2. Refuse cross-site state changes and oversized bodies before any loader or action runs
  //    (this applies to resource routes too: they run the root middleware).
  //    The server's peer address (scripts/serve.mjs) is remembered for throttling and the audit trail.
  async ({ request, context }, next) => {
    rememberSocketAddress(request, context.get(socketAddressContext));
    assertSameOrigin(request);
    assertNotCrossSiteDownload(request);
    assertBodySize(request);
    return next();
  },
  // 3. A database locked by another process for longer than the bounded wait: 503 with
  //    Retry-After, never a 500 (app/utils/db-busy.server.ts).
  async (_args, next) => busyAware(next as () => Promise<Response>),
  // 4. A page view (GET or HEAD) reads the data's version once for all the results it shows
  //    (app/models/computed-cache.server.ts); a change (POST) reads it afresh after each write.
  async ({ request }, next) => oneFingerprintPerRead(request, next),
];

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await currentUser(request);
  return {
    nonce: context.get(nonceContext),
    user: user && {
      name: user.name,
      email: user.email,
      role: user.role,
      roleLabel: userRoles.label(user.role),
      organisationId: user.organisationId,
      organisationName: user.organisationName,
    },
  };
}

export const meta: Route.MetaFunction = () => [{ title: "Leadership engagement tracker" }];

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

type NavItem = { to: string; label: string; show: boolean };

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  const items: NavItem[] = user
    ? [
        { to: "/", label: "Home", show: true },
        { to: "/flags", label: "Gap flags", show: can(user, "summaries:read") },
        { to: "/national", label: "National view", show: can(user, "national:read") },
        { to: "/organisations", label: "Organisations", show: true },
        { to: "/roles", label: "Leadership roles", show: can(user, "records:read") },
        { to: "/training", label: "Training", show: can(user, "records:read") },
        { to: "/job-plans", label: "Job plans", show: can(user, "records:read") },
        { to: "/pulse-results", label: "Survey results", show: can(user, "records:read") },
        { to: "/imports", label: "Imports", show: can(user, "records:write") },
        { to: "/actions", label: "Actions", show: can(user, "actions:counts") },
        { to: "/notifications", label: "Notifications", show: true },
        { to: "/admin", label: "Administration", show: can(user, "users:manage") },
        { to: "/methodology", label: "Methodology", show: true },
      ]
    : [];
  return (
    <header className="bg-nhs-blue text-white">
      <a href="#main" className="skip-link sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:p-2">
        Skip to main content
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-4">
        <a href="/" className="text-nhs-22 font-bold text-white no-underline visited:text-white hover:text-white">
          Leadership engagement tracker
        </a>
        {user ? (
          <div className="flex items-center gap-4 text-nhs-14">
            <span>
              {user.name} · {user.roleLabel}
              {user.organisationName ? ` · ${user.organisationName}` : ""}
            </span>
            <form method="post" action="/sign-out">
              <button type="submit" className="rounded border-2 border-white px-3 py-1 font-bold">
                Sign out
              </button>
            </form>
          </div>
        ) : null}
      </div>
      {items.length ? (
        <nav aria-label="Main" className="bg-nhs-dark-blue">
          <ul className="mx-auto flex max-w-7xl flex-wrap gap-x-1 px-2">
            {items
              .filter((i) => i.show)
              .map((i) => (
                <li key={i.to}>
                  <NavLink
                    to={i.to}
                    end={i.to === "/"}
                    className={({ isActive }) =>
                      `block px-3 py-2 text-white no-underline visited:text-white hover:underline ${isActive ? "border-b-4 border-white font-bold" : ""}`
                    }
                  >
                    {i.label}
                  </NavLink>
                </li>
              ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = data?.nonce;
  const scripts = hydrates(useMatches());
  return (
    <html lang="en-GB">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Header />
        <main id="main" className="mx-auto max-w-7xl px-4 py-8" tabIndex={-1}>
          {children}
        </main>
        <footer className="border-t-4 border-nhs-blue bg-white">
          <div className="mx-auto max-w-7xl px-4 py-6 text-nhs-14 text-nhs-secondary-text">
            Leadership engagement tracker. Demonstration data uses fictional organisations only.{" "}
            <a href="/methodology">How the gap is measured</a>
          </div>
        </footer>
        {scripts ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  // As the NHS design system does: "js-enabled" on the body once the page's scripts have taken over
  // (hydrated), for styles and checks that depend on it (browser tests wait for it before typing, as
  // hydration sets a form's text areas back to the text the server sent).
  useEffect(() => document.body.classList.add("js-enabled"), []);
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  let title = "Sorry, there is a problem with the service";
  let message = "Try again later. If the problem continues, contact your administrator.";
  let status = 500;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const detail = typeof error.data === "object" && error.data && "message" in error.data ? String(error.data.message) : null;
    if (error.status === 404) {
      title = "Page not found";
      message = detail ?? "If you typed the web address, check it is correct. If you pasted it, check you copied all of it.";
    } else if (error.status === 403) {
      title = "You do not have permission to see this page";
      message = detail ?? "If you think you should, ask your administrator to check your role.";
    } else if (error.status === 413) {
      title = "The file is too large";
      message = detail ?? message;
    } else if (error.status === 405) {
      title = "This page cannot do that";
      message = "Go back and try again from the page's own buttons and links.";
    } else if (error.status === 503) {
      title = "Sorry, the service is busy";
      message = detail ?? message;
    } else if (error.status < 500 && detail) {
      title = "Sorry, we could not do that";
      message = detail;
    } else if (detail) {
      message = detail;
    }
  } else if (error instanceof Error && import.meta.env.DEV) {
    // Development only: the message helps the developer. Stack traces are never shown, and in
    // production React Router replaces server error messages before they reach the browser.
    message = error.message;
  }
  return (
    <div className="max-w-3xl">
      <h1>{title}</h1>
      <p className="mb-4 text-nhs-19">{message}</p>
      <p className="text-nhs-secondary-text">Error code: {status}</p>
      <p className="mt-6">
        <a href="/">Go to the home page</a>
      </p>
    </div>
  );
}
