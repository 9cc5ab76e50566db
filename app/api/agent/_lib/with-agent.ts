import 'server-only';
import { checkedRouteParams, errorResponse } from '@/app/_lib/http';
import { AGENT_INSTANCE_HEADER, ZAgentInstance } from '@/lib/agent/agent-protocol';
import { authenticateAgent, type TAgentIdentity } from '@/lib/agent/agent-tokens';
import { AppError } from '@/lib/errors/app-error';

type TAgentHandler = (request: Request, context: { agent: TAgentIdentity; instance: string; params: Record<string, string> }) => Promise<Response>;

/**
 * Wraps an agent API route: the shop token from `Authorization: Bearer` decides which shop
 * the agent acts for (401 when missing, unknown or revoked), and thrown errors are mapped to
 * responses as everywhere else. Agents have no session cookies.
 */
export function withAgent(handler: TAgentHandler) {
  return async (request: Request, context: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      const agent = await authenticateAgent(request.headers.get('authorization'));
      const instance = ZAgentInstance.safeParse(request.headers.get(AGENT_INSTANCE_HEADER) ?? 'default');
      if (!instance.success) throw new AppError('bad_request', `The ${AGENT_INSTANCE_HEADER} header is not valid.`);
      return await handler(request, { agent, instance: instance.data, params: await checkedRouteParams(context.params) });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
