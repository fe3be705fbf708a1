import type { Preferences } from '../../digest/subscriber.ts';
import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';

/** The digest pages' own styles. */
export function DigestStyles() {
  return <link rel="stylesheet" href="/static/digest.css" />;
}

/** Categories offered as checkboxes; any other arXiv category can be typed. */
export const COMMON_CATEGORIES = [
  ['cs.AI', 'Artificial intelligence'],
  ['cs.CL', 'Computation and language'],
  ['cs.CV', 'Computer vision'],
  ['cs.LG', 'Machine learning'],
  ['cs.RO', 'Robotics'],
  ['cs.IR', 'Information retrieval'],
  ['cs.NE', 'Neural and evolutionary computing'],
  ['stat.ML', 'Machine learning (statistics)'],
] as const;

export interface PreferenceFieldsProps {
  values: Preferences;
  timeZones: string[];
  errors?: Partial<Record<string, string>>;
}

/** Frequency, topics and time zone: shared by the subscribe and the manage forms. */
export function PreferenceFields({ values, timeZones, errors = {} }: PreferenceFieldsProps) {
  const common = new Set<string>(COMMON_CATEGORIES.map(([c]) => c));
  const other = values.topics.categories.filter((c) => !common.has(c)).join(', ');
  return (
    <>
      <fieldset>
        <legend>How often</legend>
        <label class="check">
          <input
            type="radio"
            name="frequency"
            value="daily"
            checked={values.frequency === 'daily'}
          />{' '}
          Daily, on weekdays
        </label>
        <label class="check">
          <input
            type="radio"
            name="frequency"
            value="weekly"
            checked={values.frequency === 'weekly'}
          />{' '}
          Weekly
        </label>
        {errors.frequency ? <p class="field-error">{errors.frequency}</p> : null}
      </fieldset>
      <fieldset>
        <legend>Topics (optional)</legend>
        <p class="hint">
          Besides the trending papers, new papers in these categories or matching these words.
        </p>
        {COMMON_CATEGORIES.map(([code, name]) => (
          <label class="check">
            <input
              type="checkbox"
              name="categories"
              value={code}
              checked={values.topics.categories.includes(code)}
            />{' '}
            {name} <span class="meta">({code})</span>
          </label>
        ))}
        <label for="categories-other">Other arXiv categories, comma-separated</label>
        <input
          id="categories-other"
          name="categories"
          type="text"
          maxLength={400}
          value={other}
          placeholder="math.OC, q-bio.NC"
        />
        {errors.categories ? <p class="field-error">{errors.categories}</p> : null}
        <label for="keywords">Keywords, comma-separated</label>
        <input
          id="keywords"
          name="keywords"
          type="text"
          maxLength={1300}
          value={values.topics.keywords.join(', ')}
          placeholder="diffusion, retrieval augmented generation"
        />
        {errors.keywords ? <p class="field-error">{errors.keywords}</p> : null}
        <label for="query">A saved search</label>
        <input
          id="query"
          name="query"
          type="text"
          maxLength={200}
          value={values.topics.query ?? ''}
          placeholder='"large language models" reasoning'
        />
        {errors.query ? <p class="field-error">{errors.query}</p> : null}
      </fieldset>
      <label for="timeZone">Your time zone (digests arrive in the morning there)</label>
      <input
        id="timeZone"
        name="timeZone"
        type="text"
        list="time-zones"
        maxLength={64}
        required
        value={values.timeZone}
      />
      <datalist id="time-zones">
        {timeZones.map((z) => (
          <option value={z} />
        ))}
      </datalist>
      {errors.timeZone ? <p class="field-error">{errors.timeZone}</p> : null}
    </>
  );
}

export interface SubscribePageProps extends PreferenceFieldsProps {
  email: string;
  emailError?: string;
}

/** GET /subscribe: the full subscribe form. */
export function SubscribePage(props: SubscribePageProps) {
  return (
    <Layout title="Subscribe" head={<DigestStyles />}>
      <section class="subscribe">
        <h1>Get trending papers in your inbox</h1>
        <p class="lede">
          A short digest of the papers everyone is reading, and new papers on your topics. We send a
          confirmation link first; nothing else arrives until you use it.
        </p>
        <form action="/subscribe" method="post" class="digest-form">
          <CsrfField />
          <input type="hidden" name="form" value="full" />
          <label for="email">Email address</label>
          <input
            id="email"
            name="email"
            type="email"
            required
            maxLength={254}
            autocomplete="email"
            value={props.email}
          />
          {props.emailError ? <p class="field-error">{props.emailError}</p> : null}
          <PreferenceFields
            values={props.values}
            timeZones={props.timeZones}
            errors={props.errors ?? {}}
          />
          <button type="submit">Subscribe</button>
        </form>
      </section>
    </Layout>
  );
}

/** After POST /subscribe: the same words whatever the address's state. */
export function SubscribeSentPage() {
  return (
    <Layout title="Check your inbox">
      <section class="subscribe">
        <h1>Check your inbox</h1>
        <p>
          If the address can receive digests, a message is on its way with a link to confirm (or to
          manage an existing subscription). The link works for 48 hours.
        </p>
        <p>
          <a href="/">Back to today's papers</a>
        </p>
      </section>
    </Layout>
  );
}

/** GET /subscribe/confirm: one button, so that link scanners fetching the URL confirm nothing. */
export function ConfirmPage({ token }: { token: string }) {
  return (
    <Layout title="Confirm your subscription">
      <section class="subscribe">
        <h1>Confirm your subscription</h1>
        <p>One more step: confirm that you want Folio digests at this address.</p>
        <form action="/subscribe/confirm" method="post">
          <CsrfField />
          <input type="hidden" name="token" value={token} />
          <button type="submit">Confirm subscription</button>
        </form>
      </section>
    </Layout>
  );
}
