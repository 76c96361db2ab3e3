import type { Application } from 'express';

/** A registered route as `METHOD /path`, e.g. `GET /api/documents/:id`. */
export type RouteKey = string;

interface LayerLike {
  rawPath?: unknown;
  slash?: boolean;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

const pathsOf = (raw: unknown): string[] =>
  Array.isArray(raw) ? raw.flat(Infinity).map(String) : [String(raw)];

function walk(stack: LayerLike[], prefix: string, into: Set<RouteKey>): void {
  for (const layer of stack) {
    if (layer.route) {
      const methods = Object.keys(layer.route.methods).filter(
        (m) => m !== '_all' && layer.route!.methods[m],
      );
      for (const path of pathsOf(layer.route.path)) {
        for (const method of methods) into.add(`${method.toUpperCase()} ${prefix}${path}`);
      }
    } else if (layer.handle?.stack) {
      // A mounted router: `use('/api', router)` keeps '/api' as its raw path; `use(router)` is '/'.
      for (const path of pathsOf(layer.rawPath ?? '/')) {
        const mount = layer.slash || path === '/' ? '' : path.replace(/\/$/, '');
        walk(layer.handle.stack, prefix + mount, into);
      }
    }
  }
}

/**
 * Every route registered in an Express 5 app, found by walking its router's layers (and the
 * layers of every router mounted in it) at run time, so a new route cannot hide from a test.
 */
export function registeredRoutes(app: Application): RouteKey[] {
  const router = (app as unknown as { router: { stack: LayerLike[] } }).router;
  const found = new Set<RouteKey>();
  walk(router.stack, '', found);
  return [...found].sort();
}
