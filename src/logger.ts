import { createRequire } from 'node:module';
import { destination, pino, type DestinationStream, type Logger } from 'pino';
import type prettyModule from 'pino-pretty';

export type { Logger };

/**
 * The process logger, on standard error: one JSON object a line, or readable lines with colours
 * when standard error is a terminal. Credentials in known places are redacted either way.
 */
export function createLogger(level: string, stream?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'password',
          'token',
          'secret',
          'authorization',
          '*.password',
          '*.token',
          '*.secret',
          '*.authorization',
          'req.headers.authorization',
          'req.headers.cookie',
          'config.secret',
          'config.metricsToken',
          'config.ingest.githubToken',
          'config.mail.smtpUrl',
          'config.embeddings.apiKey',
          'config.summary.apiKey',
          'apiKey',
          '*.apiKey',
        ],
        censor: '***',
      },
    },
    stream ?? defaultDestination(),
  );
}

function defaultDestination(): DestinationStream {
  if (!process.stderr.isTTY) return destination({ dest: 2, sync: false });
  // Loaded only for a terminal: one-off commands run by scripts do without it.
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof prettyModule;
  return pretty({
    destination: 2,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss.l',
    // A request reads as one short line (GET /papers/:id 200 12.3 ms); other fields follow the
    // message on the same line.
    ignore: 'pid,hostname,method,route,status,ms',
    singleLine: true,
    messageFormat: (log, messageKey) => {
      const ms = log['ms'] === undefined ? '' : ` ${String(log['ms'])} ms`;
      return log[messageKey] === 'request'
        ? `${String(log['method'])} ${String(log['route'])} ${String(log['status'])}${ms}`
        : `${String(log[messageKey])}${ms}`;
    },
  });
}

/** A logger that writes nothing, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
