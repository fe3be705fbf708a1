import type { IngestReport } from '../ingest/ingest-report.ts';

/** Prints what each run stored, and every failure with its source, record and reason. */
export function printReports(reports: readonly IngestReport[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
    return;
  }
  for (const r of reports) {
    process.stdout.write(
      `${r.source}: ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ` +
        `${r.failed.length} failed (${r.requests} ${r.requests === 1 ? 'request' : 'requests'})\n`,
    );
    for (const note of r.notes) process.stdout.write(`  ${note}\n`);
    for (const f of r.failed.slice(0, 100))
      process.stdout.write(`  failed ${f.source} ${f.record}: ${f.reason}\n`);
    if (r.failed.length > 100) process.stdout.write(`  … and ${r.failed.length - 100} more\n`);
    if (r.error) process.stdout.write(`  stopped: ${r.error}\n`);
  }
}

/**
 * 1 when a run stopped at its source, or read records and could store none of them; else 0.
 * Some records failing among stored ones is reported, not a failed run.
 */
export function exitCodeOf(reports: readonly IngestReport[]): 0 | 1 {
  const failed = reports.some(
    (r) => r.error !== null || (r.failed.length > 0 && r.inserted + r.updated + r.unchanged === 0),
  );
  return failed ? 1 : 0;
}
