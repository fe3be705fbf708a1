import type { Subscriber } from '../../digest/subscriber.ts';
import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';
import { DigestStyles, PreferenceFields } from './subscribe-page.tsx';

const NOTICES: Record<string, string> = {
  confirmed: 'Your subscription is confirmed. Choose what your digest holds below.',
  saved: 'Your changes are saved.',
  paused: 'Digests are paused until you resume them.',
  resumed: 'Digests are on again.',
  unsubscribed: 'You are unsubscribed. No more digests will be sent.',
};

const STATUS: Record<string, string> = {
  pending: 'waiting for confirmation',
  active: 'active',
  paused: 'paused',
  unsubscribed: 'unsubscribed',
  bouncing: 'stopped: messages to this address were refused',
};

export interface ManagePageProps {
  subscriber: Subscriber;
  /** The manage URL (with its signed token) forms post back to. */
  action: string;
  timeZones: string[];
  notice?: string | undefined;
  errors?: Partial<Record<string, string>>;
}

/** GET /digest/manage: change frequency and topics, pause or resume, unsubscribe. */
export function ManagePage({ subscriber, action, timeZones, notice, errors }: ManagePageProps) {
  const message = notice ? NOTICES[notice] : undefined;
  const live = subscriber.status !== 'unsubscribed';
  return (
    <Layout title="Your digest" head={<DigestStyles />}>
      <section class="subscribe">
        <h1>Your Folio digest</h1>
        {message ? (
          <p class="notice" role="status">
            {message}
          </p>
        ) : null}
        <p>
          {subscriber.email} · {STATUS[subscriber.status] ?? subscriber.status}
        </p>
        {live ? (
          <>
            <form action={action} method="post" class="digest-form">
              <CsrfField />
              <input type="hidden" name="action" value="save" />
              <PreferenceFields values={subscriber} timeZones={timeZones} errors={errors ?? {}} />
              <button type="submit">Save</button>
            </form>
            <div class="digest-actions">
              {subscriber.status === 'active' ||
              subscriber.status === 'paused' ||
              subscriber.status === 'bouncing' ? (
                <form action={action} method="post" class="inline">
                  <CsrfField />
                  <input
                    type="hidden"
                    name="action"
                    value={subscriber.status === 'active' ? 'pause' : 'resume'}
                  />
                  <button type="submit">
                    {subscriber.status === 'active' ? 'Pause digests' : 'Resume digests'}
                  </button>
                </form>
              ) : null}
              <form action={action} method="post" class="inline">
                <CsrfField />
                <input type="hidden" name="action" value="unsubscribe" />
                <button type="submit" class="danger">
                  Unsubscribe
                </button>
              </form>
            </div>
          </>
        ) : (
          <p>
            To get digests again, <a href="/subscribe">subscribe again</a>.
          </p>
        )}
      </section>
    </Layout>
  );
}

/** GET /digest/unsubscribe: one button (a GET changes nothing; mail clients POST directly). */
export function UnsubscribePage({ action, done }: { action: string; done: boolean }) {
  return (
    <Layout title="Unsubscribe">
      <section class="subscribe">
        {done ? (
          <>
            <h1>You are unsubscribed</h1>
            <p>No more digests will be sent to this address.</p>
            <p>
              Changed your mind? <a href="/subscribe">Subscribe again</a>.
            </p>
          </>
        ) : (
          <>
            <h1>Unsubscribe from Folio digests?</h1>
            <form action={action} method="post">
              <button type="submit">Unsubscribe</button>
            </form>
          </>
        )}
      </section>
    </Layout>
  );
}
