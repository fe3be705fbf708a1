import fs from 'node:fs';
import type { Command } from 'commander';
import type { AppServices } from '../services.ts';
import { output, withRuntime } from './context.ts';
import { UsageError } from './exit.ts';

async function member(runtime: AppServices, name: string | undefined) {
  if (!name) throw new UsageError('say whose library with --user NAME');
  const user = await runtime.community.users.byName(name.trim().toLowerCase());
  if (!user) throw new UsageError(`no member named ${name}`);
  return user;
}

/** `folio library …` — a member's library from the command line (the operator acts for them). */
export function registerLibrary(program: Command): Command {
  const library = program.command('library').description("a member's saved papers and collections");
  library
    .command('ls')
    .description('saved papers, newest first')
    .requiredOption('--user <name>', 'the member')
    .option('--json', 'print JSON')
    .action((options: { user: string; json?: boolean }) =>
      withRuntime(async (runtime) => {
        const saved = await runtime.personal.library.saved(await member(runtime, options.user));
        output(
          Boolean(options.json),
          saved.map((s) => ({
            id: s.paper.id,
            title: s.paper.title,
            status: s.status,
            note: s.note,
          })),
          () =>
            saved
              .map(
                (s) =>
                  `${s.paper.id}  ${s.status === 'read' ? 'read   ' : 'to read'}  ${s.paper.title}`,
              )
              .join('\n'),
        );
      }),
    );
  library
    .command('save')
    .description('save a paper (private), optionally into a collection (made if missing)')
    .argument('<id>', 'arXiv id or URL')
    .requiredOption('--user <name>', 'the member')
    .option('--collection <name>', 'also add it to this collection')
    .option('--status <status>', 'to_read or read')
    .action((id: string, options: { user: string; collection?: string; status?: string }) =>
      withRuntime(async (runtime) => {
        const user = await member(runtime, options.user);
        const { library: lib } = runtime.personal;
        const saved = await lib.save(user, id, options.status ? { status: options.status } : {});
        if (options.collection) {
          const c =
            (await lib.collectionNamed(user, options.collection)) ??
            (await lib.createCollection(user, { name: options.collection }));
          await lib.addToCollection(user, c.id, [saved.paper.id]);
        }
        console.log(
          `saved ${saved.paper.id}${options.collection ? ` into ${options.collection}` : ''}`,
        );
      }),
    );
  library
    .command('export')
    .description('the library, or one collection, as BibTeX, RIS or CSL-JSON on stdout')
    .requiredOption('--user <name>', 'the member')
    .option('--collection <name>', 'only this collection')
    .option('--format <format>', 'bibtex, ris or csl-json', 'bibtex')
    .action((options: { user: string; collection?: string; format: string }) =>
      withRuntime(async (runtime) => {
        const user = await member(runtime, options.user);
        const { library: lib, references } = runtime.personal;
        let file;
        if (options.collection) {
          const c = await lib.collectionNamed(user, options.collection);
          if (!c) throw new UsageError(`${options.user} has no collection "${options.collection}"`);
          file = await references.exportCollection(user, c.id, options.format);
        } else file = await references.exportLibrary(user, options.format);
        process.stdout.write(file.body);
      }),
    );
  library
    .command('import')
    .description('import a BibTeX or RIS file into a collection, listing what did not match')
    .argument('<file>', 'a .bib or .ris file')
    .requiredOption('--user <name>', 'the member')
    .requiredOption('--collection <name>', 'the collection (made if missing)')
    .option('--json', 'print JSON')
    .action((file: string, options: { user: string; collection: string; json?: boolean }) =>
      withRuntime(async (runtime) => {
        if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
        const user = await member(runtime, options.user);
        const report = await runtime.personal.references.importFile(
          user,
          fs.readFileSync(file, 'utf8'),
          options.collection,
        );
        output(Boolean(options.json), report, () =>
          [
            `matched ${report.matched.length} of ${report.references} into ${report.collection.name}`,
            ...report.unmatched.map((u) => `not found: #${u.number} ${u.title}`),
          ].join('\n'),
        );
      }),
    );
  library
    .command('for-you')
    .description("the member's recommendations with their reasons")
    .requiredOption('--user <name>', 'the member')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'print JSON')
    .action((options: { user: string; limit: string; json?: boolean }) =>
      withRuntime(async (runtime) => {
        await runtime.search.semantic?.open();
        const recs = await runtime.personal.recommendations.forYou(
          await member(runtime, options.user),
          {
            limit: Number(options.limit) || 20,
          },
        );
        output(
          Boolean(options.json),
          recs.map((r) => ({ id: r.paper.id, title: r.paper.title, reason: r.reason })),
          () =>
            recs.map((r) => `${r.paper.id}  ${r.paper.title}\n           ${r.reason}`).join('\n'),
        );
      }),
    );
  return library;
}
