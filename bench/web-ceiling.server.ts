/** A bare Hono route on @hono/node-server: the ceiling the site's pages are measured against. */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/', (c) => c.html('<!doctype html><title>ceiling</title><p>ok</p>'));
const port = Number(process.env.PORT ?? 0);
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`listening ${info.port}\n`);
});
