// Every HTTP route the running app registered, read from the router itself.
import type { INestApplication } from '@nestjs/common';

export interface RegisteredRoute {
  method: string;
  path: string;
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

export function registeredRoutes(app: INestApplication): RegisteredRoute[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  const routes: RegisteredRoute[] = [];
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    // Nest adds an every-method layer for paths excluded from the global prefix (/health);
    // it is not a route of ours (its methods other than the declared one answer 404).
    if (Object.keys(layer.route.methods).length > 30) continue;
    for (const [method, enabled] of Object.entries(layer.route.methods)) {
      if (enabled && method !== '_all')
        routes.push({ method: method.toUpperCase(), path: layer.route.path });
    }
  }
  return routes;
}

/** Fills every :param of a route path with the given value. */
export function fillPath(path: string, value: string): string {
  return path.replace(/:[A-Za-z]+/g, value);
}
