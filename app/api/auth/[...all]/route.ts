// GET|POST /api/auth/* – better-auth's own endpoints (sign-in, sign-up, session) for API clients
import { toNextJsHandler } from 'better-auth/next-js';
import { auth } from '@/app/_lib/auth';

export async function GET(request: Request) {
  return toNextJsHandler(auth()).GET(request);
}

export async function POST(request: Request) {
  return toNextJsHandler(auth()).POST(request);
}
