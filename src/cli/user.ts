import type { Command } from 'commander';
import { ensureUser, normalizeEmail, setRole } from '../community/user.service.ts';
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
        let member = await ensureUser(runtime.db, runtime.clock, email, role);
        // An existing member keeps their account; a role asked for is given.
        if (role !== 'member' && member.role !== role) {
          await setRole(runtime.db, member, role);
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
  return user;
}
