// URLs come from file names in app/routes/ (flat routes): e.g. roles.$id.edit.tsx is /roles/:id/edit.
import type { RouteConfig } from "@react-router/dev/routes";
import { flatRoutes } from "@react-router/fs-routes";

export default flatRoutes() satisfies RouteConfig;
