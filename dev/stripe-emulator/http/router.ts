export type THttpMethod = 'GET' | 'POST' | 'DELETE';

type TCompiledRoute<THandler> = { method: THttpMethod; pattern: RegExp; names: string[]; handler: THandler };

export type TRouteMatch<THandler> = { kind: 'found'; handler: THandler; params: Record<string, string> } | { kind: 'wrong-method' } | { kind: 'not-found' };

/**
 * Method + path matching with `:name` segments (`/v1/refunds/:id`). Small on purpose:
 * the emulator has a few dozen routes and no middleware beyond what its callers wrap.
 */
export class Router<THandler> {
  private readonly routes: TCompiledRoute<THandler>[] = [];

  add(method: THttpMethod, path: string, handler: THandler): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  match(method: string, pathname: string): TRouteMatch<THandler> {
    let isPathKnown = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      if (route.method !== method) {
        isPathKnown = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = safeDecode(found[index + 1]);
      });
      return { kind: 'found', handler: route.handler, params };
    }
    return isPathKnown ? { kind: 'wrong-method' } : { kind: 'not-found' };
  }
}

/** A malformed escape in an id cannot name a stored object; keep it as sent so lookups miss. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
