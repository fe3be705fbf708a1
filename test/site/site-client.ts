import type { Hono } from 'hono';
import type { SmtpSink } from '../support/smtp-sink.ts';

/**
 * A tiny browser over `app.request`: keeps cookies, remembers the last page's CSRF token, and
 * posts forms the way a browser would.
 */
export class SiteClient {
  readonly cookies = new Map<string, string>();
  html = '';
  private lastCsrf: string | null = null;

  constructor(private readonly app: Hono) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0)
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.app.request(path, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim()));
      if (expired) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
    return res;
  }

  /** GETs a page and keeps its HTML. */
  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.request(path, { headers });
    if ((res.headers.get('content-type') ?? '').includes('text/html'))
      this.keep(await res.clone().text());
    return res;
  }

  /** The CSRF token of the last page that had forms. */
  csrf(): string {
    if (!this.lastCsrf) throw new Error('no page with a CSRF field seen yet');
    return this.lastCsrf;
  }

  private keep(html: string): void {
    this.html = html;
    const match = /name="_csrf" value="([^"]*)"/.exec(html);
    if (match) this.lastCsrf = match[1]!;
  }

  /** POSTs a urlencoded form, adding the last page's CSRF token unless `csrf` is given (or false). */
  async post(
    path: string,
    fields: Record<string, string>,
    options: { csrf?: string | false; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const body = new URLSearchParams(fields);
    if (options.csrf !== false) body.set('_csrf', options.csrf ?? this.csrf());
    const res = await this.request(path, {
      method: 'POST',
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    });
    if ((res.headers.get('content-type') ?? '').includes('text/html'))
      this.keep(await res.clone().text());
    return res;
  }
}

/** The sign-in link in the newest message the sink received for this address. */
export function signInLinkFor(sink: SmtpSink, email: string): string {
  const mail = [...sink.messages]
    .reverse()
    .find((m) => m.text?.includes('/sign-in/verify') && JSON.stringify(m.to).includes(email));
  const link = /https?:\/\/\S+\/sign-in\/verify\?token=\S+/.exec(mail?.text ?? '')?.[0];
  if (!link) throw new Error(`no sign-in link for ${email}`);
  return link;
}

/** Signs a client in through the emailed link, as a person would. */
export async function signIn(client: SiteClient, sink: SmtpSink, email: string): Promise<void> {
  await client.get('/sign-in');
  const before = sink.messages.length;
  const sent = await client.post('/sign-in', { email });
  if (sent.status !== 200) throw new Error(`sign-in request answered ${sent.status}`);
  await sink.waitFor(before + 1);
  const link = new URL(signInLinkFor(sink, email));
  await client.get(`${link.pathname}${link.search}`);
  const done = await client.post('/sign-in/verify', { token: link.searchParams.get('token')! });
  if (done.status !== 303)
    throw new Error(`sign-in answered ${done.status}: ${client.html.slice(0, 300)}`);
  await client.get('/');
}
