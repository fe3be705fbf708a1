import { destination, pino, type Logger } from 'pino';

export type { Logger };

/** The process logger; credentials in known places are redacted before anything is written. */
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
    stream ?? destination({ dest: 2, sync: false }),
  );
}

/** A logger that writes nothing, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
