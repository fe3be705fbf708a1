import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const PG_BIN = process.env.FOLIO_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** A local PostgreSQL cluster the bench created (never the machine's own). */
export interface Cluster {
  dir: string;
  port: number;
  url(database?: string): string;
  start(): void;
  stop(mode?: 'fast' | 'immediate'): void;
  restart(): void;
}

/** Runs a PostgreSQL binary as the postgres user when we are root (initdb refuses root). */
function pgRun(binary: string, args: string[], options: { allowFail?: boolean } = {}): string {
  const command = path.join(PG_BIN, binary);
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0 && !options.allowFail)
    throw new Error(`${binary} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

function ownByPostgres(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
}

function cluster(dir: string, port: number): Cluster {
  const log = path.join(path.dirname(dir), `${path.basename(dir)}.log`);
  return {
    dir,
    port,
    url: (database = 'folio') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => void pgRun('pg_ctl', ['-D', dir, '-l', log, '-w', '-t', '60', 'start']),
    stop: (mode = 'fast') =>
      void pgRun('pg_ctl', ['-D', dir, '-m', mode, '-w', 'stop'], { allowFail: true }),
    restart: () => void pgRun('pg_ctl', ['-D', dir, '-l', log, '-m', 'fast', '-w', 'restart']),
  };
}

/**
 * Creates a primary on `port` and a streaming replica of it on `port + 1`, both under `root`,
 * with trust authentication on 127.0.0.1 only, and a `folio` database.
 */
export async function createPrimaryAndReplica(
  root: string,
  port: number,
): Promise<{ primary: Cluster; replica: Cluster }> {
  const socketDir = path.join(root, 'sockets');
  ownByPostgres(root);
  ownByPostgres(socketDir);
  const primaryDir = path.join(root, 'primary');
  pgRun('initdb', ['-D', primaryDir, '--auth=trust', '-U', 'postgres', '--no-sync']);
  fs.appendFileSync(
    path.join(primaryDir, 'postgresql.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${socketDir}'`,
      'wal_level = replica',
      'max_wal_senders = 4',
      'hot_standby = on',
      'shared_buffers = 64MB',
      'max_connections = 100',
      '',
    ].join('\n'),
  );
  const primary = cluster(primaryDir, port);
  primary.start();
  const admin = new pg.Client({ connectionString: primary.url('postgres') });
  await admin.connect();
  await admin.query('create database folio');
  await admin.end();
  const replicaDir = path.join(root, 'replica');
  pgRun('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'postgres',
    '-D',
    replicaDir,
    '-R',
    '-X',
    'stream',
    // An immediate checkpoint, not one spread over minutes.
    '-c',
    'fast',
  ]);
  fs.appendFileSync(path.join(replicaDir, 'postgresql.conf'), `port = ${port + 1}\n`);
  const replica = cluster(replicaDir, port + 1);
  replica.start();
  return { primary, replica };
}

/** Stops both clusters if they run (after a crashed bench too). */
export function stopClusters(root: string): void {
  for (const name of ['replica', 'primary']) {
    const dir = path.join(root, name);
    if (fs.existsSync(path.join(dir, 'postmaster.pid')))
      pgRun('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop'], { allowFail: true });
  }
}
