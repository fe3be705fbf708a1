import type { Mailer } from '../../src/mail/mailer.ts';

/** The real mailer, counting the sends it was asked for and able to wait until none is in flight. */
export interface TrackedMailer extends Mailer {
  /** How many messages the code under test has handed to the mailer so far (retries included). */
  readonly attempts: number;
  /** Resolves once every send started so far has finished (delivered or failed). */
  settled(): Promise<number>;
}

/**
 * Wraps a real mailer (SMTP or outbox folder) so a test can tell that nothing more is being sent
 * without sleeping: background notices call `send` before the request that caused them returns.
 */
export function trackMailer(inner: Mailer): TrackedMailer {
  const inFlight = new Set<Promise<unknown>>();
  let attempts = 0;
  return {
    kind: inner.kind,
    outboxDir: inner.outboxDir,
    outbox: inner.outbox,
    get attempts() {
      return attempts;
    },
    send(message) {
      attempts++;
      const sending = inner.send(message);
      const done = sending.then(
        () => undefined,
        () => undefined,
      );
      inFlight.add(done);
      void done.then(() => inFlight.delete(done));
      return sending;
    },
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      return attempts;
    },
    close: () => inner.close(),
  };
}
