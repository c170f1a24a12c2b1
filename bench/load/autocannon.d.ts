/** The part of autocannon 9's API the load test uses (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (req: Request, context: unknown) => Request | null;
    onResponse?: (status: number, body: string, context: unknown, headers: Record<string, string>) => void;
  }

  export interface Client extends EventEmitter {
    setRequests(requests: Request[]): void;
    on(event: 'response', listener: (status: number, bytes: number, durationMs: number) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export interface Options {
    url: string;
    connections: number;
    duration: number;
    timeout?: number;
    pipelining?: number;
    headers?: Record<string, string>;
    requests?: Request[];
    setupClient?: (client: Client) => void;
  }

  export interface Histogram {
    average: number;
    mean: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
  }

  export interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    resets: number;
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
  }

  export default function autocannon(options: Options): Promise<Result> & { stop(): void };
}
