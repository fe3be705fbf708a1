import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Context } from 'hono';
import type { ApiTokenAccess } from '../community/api-tokens.ts';
import { createMcpServer, type McpDeps } from './mcp-tools.ts';

/**
 * POST/GET/DELETE /mcp — the MCP server over Streamable HTTP, stateless: each request gets its
 * own server and transport (JSON answers, no session), so any instance of a fleet can answer.
 * A personal API token (`Authorization: Bearer`) opens the member's library tools; a token that
 * is unknown or revoked is refused outright (401), so a misconfigured client finds out at once.
 */
export function mcpHandler(deps: McpDeps) {
  return async (c: Context) => {
    const header = c.req.header('authorization');
    let access: ApiTokenAccess | null = null;
    if (header) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      access = match ? await deps.community.apiTokens.authenticateAccess(match[1]!) : null;
      if (!access)
        return c.json(
          {
            jsonrpc: '2.0',
            error: {
              code: -32001,
              message: match
                ? 'That API token is unknown or revoked.'
                : 'Send a personal API token as "Authorization: Bearer <token>".',
            },
            id: null,
          },
          401,
          { 'WWW-Authenticate': 'Bearer realm="folio"' },
        );
    }
    const server = createMcpServer(deps, access);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      void server.close();
    }
  };
}
