import { Layout } from './layout.tsx';

/** A plain error page; the message is text, escaped like everything else. */
export function renderErrorPage(status: number, title: string, detail: string) {
  return (
    '<!doctype html>' +
    (
      <Layout title={title}>
        <section class="error">
          <h1>
            {status} · {title}
          </h1>
          <p>{detail}</p>
          <p>
            <a href="/">Back to today's papers</a>
          </p>
        </section>
      </Layout>
    ).toString()
  );
}
