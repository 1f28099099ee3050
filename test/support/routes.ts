// Every HTTP route the running app registered, read from the router itself, and what each reads.
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';

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

/** What a route reads from the outside, as its controller declares it. */
export interface RouteInputs {
  /** Top-level fields of the @Body() DTO (or the names given to @Body('name')). */
  body: string[];
  /** Fields of the @Query() DTO (or the names given to @Query('name')). */
  query: string[];
}

const fieldsOf = (dto: unknown): string[] =>
  typeof dto === 'function'
    ? [
        ...new Set(
          getMetadataStorage()
            .getTargetValidationMetadatas(dto, '', false, false)
            .map((m) => m.propertyName),
        ),
      ]
    : [];

/**
 * The body and query fields of every route Nest's controllers declare, keyed like
 * `POST /api/exchanges/:id/members`: read from the same metadata Nest routes and validates by,
 * so a new field or route is covered without anyone listing it.
 */
export function routeInputs(app: INestApplication): Map<string, RouteInputs> {
  const inputs = new Map<string, RouteInputs>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new () => unknown) | null;
      if (!controller) continue;
      const controllerPaths = ([] as string[]).concat(
        Reflect.getMetadata(PATH_METADATA, controller),
      );
      const prototype = controller.prototype as object;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        // The descriptor, not the property: a getter must not run on the bare prototype.
        const handler: unknown = Object.getOwnPropertyDescriptor(prototype, name)?.value;
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[];
        if (methodPaths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const types = (Reflect.getMetadata('design:paramtypes', prototype, name) ??
          []) as unknown[];
        const found: RouteInputs = { body: [], query: [] };
        for (const [key, arg] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]);
          const target =
            kind === RouteParamtypes.BODY
              ? found.body
              : kind === RouteParamtypes.QUERY
                ? found.query
                : null;
          if (!target) continue;
          if (typeof arg.data === 'string') target.push(arg.data);
          else target.push(...fieldsOf(types[arg.index]));
        }
        for (const controllerPath of controllerPaths) {
          for (const methodPath of ([] as string[]).concat(methodPaths)) {
            const prefix = controllerPath === 'health' ? '' : 'api';
            const path = `/${[prefix, controllerPath, methodPath]
              .map((p) => (p ?? '').replace(/^\/+|\/+$/g, ''))
              .filter(Boolean)
              .join('/')}`;
            inputs.set(`${method} ${path}`, found);
          }
        }
      }
    }
  }
  return inputs;
}
