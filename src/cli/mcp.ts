import type { Command } from 'commander';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from '../mcp/mcp-tools.ts';
import { withRuntime } from './context.ts';

/** `folio mcp`: the MCP server on stdin/stdout for a local agent (nothing else is printed there). */
export function registerMcp(program: Command): void {
  program
    .command('mcp')
    .description('serve the MCP tools (search, lists, trending, papers) over stdio')
    .action(() =>
      withRuntime(async (runtime) => {
        const server = createMcpServer(runtime);
        const closed = new Promise<void>((resolve) => {
          server.server.onclose = () => resolve();
        });
        await server.connect(new StdioServerTransport());
        await closed;
      }),
    );
}
