import { Option, type Command } from 'commander';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from '../mcp/mcp-tools.ts';
import { withRuntime } from './context.ts';
import { UsageError } from './exit.ts';

/** `folio mcp`: the MCP server on stdin/stdout for a local agent (nothing else is printed there). */
export function registerMcp(program: Command): void {
  program
    .command('mcp')
    .description(
      'serve the MCP tools (search, lists, trending, papers; with a token, your library) over stdio',
    )
    .addOption(
      new Option('--token <token>', "a personal API token: opens the member's library tools").env(
        'FOLIO_TOKEN',
      ),
    )
    .action((options: { token?: string }) =>
      withRuntime(async (runtime) => {
        const access = options.token
          ? await runtime.community.apiTokens.authenticateAccess(options.token)
          : null;
        if (options.token && !access)
          throw new UsageError('That API token is unknown or revoked (--token / FOLIO_TOKEN).');
        const server = createMcpServer(runtime, access);
        const closed = new Promise<void>((resolve) => {
          server.server.onclose = () => resolve();
        });
        await server.connect(new StdioServerTransport());
        await closed;
      }),
    );
}
