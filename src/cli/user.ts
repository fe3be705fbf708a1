import type { Command } from 'commander';
import { normalizeEmail } from '../community/user.service.ts';
import { output, withRuntime } from './context.ts';
import { UsageError } from './exit.ts';

/** `folio user create [--admin|--curator] EMAIL` — create a member (or give an existing one a role). */
export function registerUser(program: Command): Command {
  const user = program.command('user').description('manage members');
  user
    .command('create')
    .description('create a member who signs in by email link; --admin or --curator gives a role')
    .argument('<email>', 'the email address the member signs in with')
    .option('--admin', 'an admin: may grant the curator role, and curate')
    .option('--curator', 'a curator: may feature papers, hide comments and suspend accounts')
    .option('--json', 'print JSON')
    .action((input: string, options: { admin?: boolean; curator?: boolean; json?: boolean }) =>
      withRuntime(async (runtime) => {
        const email = normalizeEmail(input);
        if (!email) throw new UsageError(`not an email address: ${input}`);
        if (options.admin && options.curator)
          throw new UsageError('give at most one of --admin and --curator');
        const role = options.admin ? 'admin' : options.curator ? 'curator' : 'member';
        let member = await runtime.community.users.ensure(email, role);
        // An existing member keeps their account; a role asked for is given.
        if (role !== 'member' && member.role !== role) {
          await runtime.community.users.setRole(member, role);
          member = { ...member, role };
        }
        output(
          Boolean(options.json),
          { id: member.id, email: member.email, name: member.name, role: member.role },
          () =>
            `${member.email} is ${member.role === 'member' ? 'a member' : `an ${member.role === 'admin' ? 'admin' : 'curator'}`} named ${member.name}; they sign in at ${runtime.config.baseUrl}/sign-in`,
        );
      }),
    );
  user
    .command('token')
    .description('create a personal API token for a member (printed once; Folio keeps its hash)')
    .argument('<email>', "the member's email address")
    .requiredOption('--name <name>', 'what the token is for, e.g. "laptop script"')
    .requiredOption('--scope <scope>', 'read (read only) or write (read and write)')
    .option('--json', 'print JSON')
    .action((email: string, options: { name: string; scope: string; json?: boolean }) =>
      withRuntime(async (runtime) => {
        const member = await runtime.community.users.byEmail(email);
        if (!member) throw new UsageError(`no member with the address ${email}`);
        if (options.scope !== 'read' && options.scope !== 'write')
          throw new UsageError(`--scope: expected read or write, got ${options.scope}`);
        const { token, record } = await runtime.community.apiTokens.create(
          member,
          options.name,
          options.scope,
        );
        output(
          Boolean(options.json),
          { id: record.id, name: record.name, scope: record.scope, token },
          () =>
            `${token}\n(${record.scope === 'read' ? 'read only' : 'read and write'} token "${record.name}" for ${member.email}; it is not shown again)`,
        );
      }),
    );
  user
    .command('export')
    .description("print everything of a member's account as one JSON document (no secrets)")
    .argument('<name>', "the member's public name")
    .action((name: string) =>
      withRuntime(async (runtime) => {
        const member = await runtime.community.users.byName(name);
        if (!member) throw new UsageError(`there is no member named ${name}`);
        console.log(JSON.stringify(await runtime.personal.account.exportAccount(member), null, 2));
      }),
    );
  user
    .command('delete')
    .description('delete a member and their personal data (comments stay as "[deleted]")')
    .argument('<name>', "the member's public name")
    .requiredOption('--confirm <name>', 'the same name again, to confirm')
    .action((name: string, options: { confirm: string }) =>
      withRuntime(async (runtime) => {
        const member = await runtime.community.users.byName(name);
        if (!member) throw new UsageError(`there is no member named ${name}`);
        if (options.confirm !== name) throw new UsageError('--confirm must repeat the name');
        await runtime.personal.account.deleteAccount(member, options.confirm);
        console.log(`deleted the account of ${name} and its personal data`);
      }),
    );
  return user;
}
