import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Context } from 'hono';
import { createMcpServer, type McpDeps } from './mcp-tools.ts';

/**
 * POST/GET/DELETE /mcp — the MCP server over Streamable HTTP, stateless: each request gets its
 * own server and transport (JSON answers, no session), so any instance of a fleet can answer.
 */
export function mcpHandler(deps: McpDeps) {
  return async (c: Context) => {
    const server = createMcpServer(deps);
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
