/** Structured JSON logs (pino): one line per request with its id, and errors with their stack. */
import type { MiddlewareHandler } from 'hono';
import { pino, type Logger } from 'pino';
import type { AppEnv } from './env';

export type { Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'rintis' } });
}

export function requestLogger(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const status = c.res.status;
    const line = {
      reqId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - start) * 10) / 10,
      userId: c.get('auth')?.userId,
    };
    if (status >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
  };
}
