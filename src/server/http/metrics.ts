/**
 * Prometheus metrics at GET /api/metrics (text exposition format). One registry per app, so tests and several
 * apps in one process do not mix counts. Labels are route templates, never raw paths, so a scan of random URLs
 * cannot blow up the series count. Other modules (sync) can add their own metrics to `registry`.
 */
import type { MiddlewareHandler } from 'hono';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppEnv } from './env';

export interface AppMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route'>;
  errors: Counter<'route'>;
}

export function createMetrics(options: { processMetrics?: boolean } = {}): AppMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: 'rintis_' });
  return {
    registry,
    requests: new Counter({
      name: 'rintis_http_requests_total',
      help: 'HTTP requests by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'rintis_http_request_duration_seconds',
      help: 'Time to produce the response (streams: until headers)',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'rintis_http_server_errors_total',
      help: 'Responses with status 500 or above',
      labelNames: ['route'],
      registers: [registry],
    }),
  };
}

function routeLabel(path: string, routePath: string): string {
  if (!path.startsWith('/api/')) return 'static';
  // The catch-all 404 handler matches '/api/*': keep it as one series.
  return routePath || 'unknown';
}

export function metricsMiddleware(metrics: AppMetrics): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const stop = metrics.duration.startTimer();
    await next();
    const route = routeLabel(c.req.path, c.req.routePath);
    const method = c.req.method;
    stop({ method, route });
    metrics.requests.inc({ method, route, status: String(c.res.status) });
    if (c.res.status >= 500) metrics.errors.inc({ route });
  };
}
