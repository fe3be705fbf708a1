/**
 * The prebuilt command line: src/ bundled by esbuild into plain JavaScript under dist/cli/, so
 * `folio` starts without compiling TypeScript (most of a one-off command's time was tsx loading
 * and resolving a few hundred modules). bin/folio.js runs the bundle when it matches the sources
 * and falls back to tsx otherwise. Built by `npm install`/`npm ci` (prepare) and by
 * `npm run build:cli`; bin/folio.js rebuilds a stale one on its own.
 *
 * Layout: dist/cli/<build id>/main.js (one folder per build, never rewritten, so a running
 * `folio serve` keeps its lazily loaded chunks) and dist/cli/current.json naming the build and
 * the state of the sources it was built from.
 *
 *   node scripts/cli-bundle.mjs          build when stale
 *   node scripts/cli-bundle.mjs --force  build anyway
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');
const OUT = path.join(ROOT, 'dist', 'cli');
const CURRENT = path.join(OUT, 'current.json');
/** Besides src/, what changes the bundle: the compiler settings and the installed packages. */
const INPUTS = ['tsconfig.json', 'package-lock.json', 'scripts/cli-bundle.mjs'];
/**
 * Packages compiled into the bundle rather than loaded from node_modules: plain JavaScript made of
 * hundreds of small modules, whose resolving and loading one by one was a large part of a
 * one-off command's start (kysely alone is ~500 files). Only packages no external package
 * imports itself belong here, so there is never a second copy that objects cross into.
 */
const BUNDLED = new Set(['kysely']);
/** Builds older than this (other than the current one) are removed by the next build. */
const KEEP_OLD_MS = 24 * 3600_000;

/**
 * What the bundle depends on, in one string: how many source files there are and the newest
 * modification time among them (an edit, a checkout or a deleted file changes it). Checked on
 * every run, so the tree is walked one folder at a time with plain string paths: Node 20's
 * recursive readdir and path.join cost ten times as much for the same ~500 stats.
 */
export function sourceState() {
  const seen = { count: 0, newest: 0 };
  newestIn(SRC, seen);
  for (const file of INPUTS) {
    seen.count++;
    seen.newest = Math.max(
      seen.newest,
      fs.statSync(`${ROOT}/${file}`, { throwIfNoEntry: false })?.mtimeMs ?? 0,
    );
  }
  return `${seen.count}:${Math.floor(seen.newest)}`;
}

function newestIn(dir, seen) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) newestIn(file, seen);
    else if (entry.isFile()) {
      seen.count++;
      seen.newest = Math.max(seen.newest, fs.statSync(file).mtimeMs);
    }
  }
}

/** The entry of a bundle built from the sources as they are now, or null when there is none. */
export function freshBundle() {
  let current;
  try {
    current = JSON.parse(fs.readFileSync(CURRENT, 'utf8'));
  } catch {
    return null;
  }
  if (current?.sources !== sourceState()) return null;
  const entry = path.join(OUT, String(current.build), 'main.js');
  return fs.existsSync(entry) ? pathToFileURL(entry).href : null;
}

/**
 * An esbuild plugin keeping what src/ locates relative to itself (import.meta.dirname and .url:
 * static files, migrations, the semantic worker, the demo corpus) pointing into src/, since the
 * bundle runs from another folder.
 */
function sourceLocations(outdir) {
  return {
    name: 'source-locations',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.(ts|tsx)$/ }, async (args) => {
        let contents = await fs.promises.readFile(args.path, 'utf8');
        if (contents.includes('import.meta.')) {
          const dir = path.relative(outdir, path.dirname(args.path)).split(path.sep).join('/');
          const file = path.relative(outdir, args.path).split(path.sep).join('/');
          contents = contents
            .replaceAll(
              'import.meta.dirname',
              `(import.meta.dirname + ${JSON.stringify(`/${dir}`)})`,
            )
            .replaceAll(
              'import.meta.url',
              `new URL(${JSON.stringify(file)}, import.meta.url).href`,
            );
        }
        return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}

/**
 * An esbuild plugin leaving every package import (bare specifier: a dependency, a package it
 * brings, a Node.js built-in) as an import, except the bundled packages.
 */
function externalPackages() {
  return {
    name: 'external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const parts = args.path.split('/');
        const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
        return BUNDLED.has(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

/** Builds the bundle into a new folder and makes it current; returns its entry's URL. */
export async function buildBundle() {
  const { build } = await import('esbuild');
  const sources = sourceState();
  const id = `${Date.now().toString(36)}-${process.pid}`;
  const outdir = path.join(OUT, id);
  await build({
    entryPoints: { main: path.join(SRC, 'main.ts') },
    bundle: true,
    // One chunk per lazily imported module, so a command still loads only its own code.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Other packages load from node_modules as they are (native addons, worker files, packages
    // that share objects with each other): see externalPackages.
    outdir,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    // Migrations stay TypeScript files read from src/db/migrations; the bundle loads them
    // through tsx (see db/migrate.ts).
    define: { 'process.env.FOLIO_PREBUILT_CLI': '"1"' },
    plugins: [externalPackages(), sourceLocations(outdir)],
    logLevel: 'error',
  });
  // Written then renamed, so a concurrent run reads either the old pointer or the new one.
  const pointer = `${CURRENT}.${id}`;
  fs.writeFileSync(pointer, JSON.stringify({ build: id, sources }) + '\n');
  fs.renameSync(pointer, CURRENT);
  for (const entry of fs.readdirSync(OUT, { withFileTypes: true })) {
    const old = path.join(OUT, entry.name);
    if (
      entry.isDirectory() &&
      entry.name !== id &&
      Date.now() - fs.statSync(old).mtimeMs > KEEP_OLD_MS
    )
      fs.rmSync(old, { recursive: true, force: true });
  }
  return pathToFileURL(path.join(outdir, 'main.js')).href;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--force') || !freshBundle()) {
    const started = performance.now();
    await buildBundle();
    console.log(
      `built the command line into dist/cli in ${Math.round(performance.now() - started)} ms`,
    );
  } else {
    console.log('the command line in dist/cli is up to date');
  }
}
