import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TEmulatorContext } from '../emulator-context';
import type { THttpMethod } from '../http/router';

export type TPageHandler = (request: IncomingMessage, response: ServerResponse, params: Record<string, string>, ctx: TEmulatorContext) => Promise<void>;

/** A browser-facing route: HTML in, HTML or a redirect out, no API key. */
export type TPageRoute = { method: THttpMethod; path: string; handler: TPageHandler };
