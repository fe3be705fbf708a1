#!/usr/bin/env node
// Runs the prebuilt bundle of the command line (dist/cli, see scripts/cli-bundle.mjs) when it
// matches the sources, rebuilding a stale one first; without one (no esbuild, a failed build) it
// runs the TypeScript sources through tsx, so `npx folio` always works from a checkout.
import module from 'node:module';
import { buildBundle, freshBundle } from '../scripts/cli-bundle.mjs';

// Node.js 22.1+ keeps the compiled bundle on disk between runs (in the temporary folder), so a
// one-off command skips most of its compiling; older versions have no such cache.
module.enableCompileCache?.();

let entry = null;
if (process.env.FOLIO_CLI_TSX !== '1') {
  try {
    entry = freshBundle() ?? (await buildBundle());
  } catch (error) {
    if (process.env.FOLIO_LOG_LEVEL === 'debug')
      process.stderr.write(`folio: running from the sources (${error.message})\n`);
  }
}
if (entry) {
  await import(entry);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
