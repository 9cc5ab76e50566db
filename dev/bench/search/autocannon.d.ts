/** The parts of autocannon 9 the search benchmark uses (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  type TRequest = { method?: string; path?: string; headers?: Record<string, string> };
  type TOptions = {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    requests?: { setupRequest?: (request: TRequest) => TRequest }[];
  };
  export type TResult = { requests: { average: number; total: number; sent: number }; errors: number; timeouts: number; non2xx: number; duration: number };
  type TInstance = EventEmitter & {
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): TInstance;
  };

  function autocannon(options: TOptions, callback: (error: Error | null, result: TResult) => void): TInstance;
  export default autocannon;
}
