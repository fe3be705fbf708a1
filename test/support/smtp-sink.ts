import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface SmtpSink {
  /** smtp://127.0.0.1:PORT, for FOLIO_SMTP_URL. */
  url: string;
  /** Every message received, parsed, in arrival order. */
  messages: ParsedMail[];
  /** Waits until at least `count` messages have arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 that parses what it receives. `reject` may answer a message
 * with an SMTP error (e.g. `{ responseCode: 450 }`) to test retries and bounces.
 */
export async function startSmtpSink(
  options: {
    reject?: (to: string[], count: number) => { responseCode: number; message: string } | null;
    /** Holds the reply to the `count`th message this many ms (it is already recorded). */
    delayMs?: (count: number) => number;
  } = {},
): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  let attempts = 0;
  const config: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      attempts++;
      const to = session.envelope.rcptTo.map((r) => r.address);
      const refusal = options.reject?.(to, attempts);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusal) {
          const error = new Error(refusal.message) as Error & { responseCode: number };
          error.responseCode = refusal.responseCode;
          callback(error);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            messages.push(mail);
            const delay = options.delayMs?.(messages.length) ?? 0;
            if (delay > 0) setTimeout(() => callback(), delay);
            else callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  };
  const server = new SMTPServer(config);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
