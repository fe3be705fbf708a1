import { Layout } from '../pages/layout.tsx';

interface Operation {
  method: string;
  path: string;
  summary: string;
  tags: string[];
  secured: boolean;
  parameters: { name: string; in: string; required: boolean; description: string; type: string }[];
  body: string | null;
  responses: { status: string; description: string }[];
}

type Doc = { paths?: Record<string, Record<string, unknown>> };

/** The operations of an OpenAPI document, flattened for the docs page. */
export function operationsOf(doc: Doc): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, raw] of Object.entries(item)) {
      const op = raw as {
        summary?: string;
        tags?: string[];
        security?: unknown[];
        parameters?: {
          name: string;
          in: string;
          required?: boolean;
          description?: string;
          schema?: { type?: string; enum?: string[] };
        }[];
        requestBody?: {
          content?: Record<string, { schema?: { properties?: Record<string, unknown> } }>;
        };
        responses?: Record<string, { description?: string }>;
      };
      const bodyProps = Object.keys(
        op.requestBody?.content?.['application/json']?.schema?.properties ?? {},
      );
      out.push({
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? '',
        tags: op.tags ?? [],
        secured: (op.security ?? []).length > 0,
        parameters: (op.parameters ?? []).map((p) => ({
          name: p.name,
          in: p.in,
          required: Boolean(p.required),
          description: p.description ?? '',
          type: p.schema?.enum ? p.schema.enum.join(' | ') : (p.schema?.type ?? 'string'),
        })),
        body: op.requestBody
          ? bodyProps.length > 0
            ? `JSON: ${bodyProps.join(', ')}`
            : 'JSON'
          : null,
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({
          status,
          description: r.description ?? '',
        })),
      });
    }
  }
  return out;
}

/** /docs: every operation of the OpenAPI document, rendered on the server (no scripts, no CDN). */
export function ApiDocsPage({ doc }: { doc: Doc & { info?: { description?: string } } }) {
  const operations = operationsOf(doc);
  const tags = [...new Set(operations.map((o) => o.tags[0] ?? 'Other'))];
  return (
    <Layout title="API">
      <h1>Folio API</h1>
      <p class="lede">{doc.info?.description}</p>
      <p>
        Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Personal API
        tokens: <a href="/account/tokens">/account/tokens</a>.
      </p>
      {tags.map((tag) => (
        <section aria-labelledby={`tag-${slug(tag)}`}>
          <h2 id={`tag-${slug(tag)}`}>{tag}</h2>
          {operations
            .filter((o) => (o.tags[0] ?? 'Other') === tag)
            .map((o) => (
              <article class="api-operation" id={slug(`${o.method}-${o.path}`)}>
                <h3>
                  <code>
                    {o.method} {o.path}
                  </code>
                  {o.secured ? ' 🔑' : ''}
                </h3>
                <p>{o.summary}</p>
                {o.parameters.length > 0 && (
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Parameter</th>
                        <th scope="col">In</th>
                        <th scope="col">Type</th>
                        <th scope="col">Description</th>
                      </tr>
                    </thead>
                    <tbody>
                      {o.parameters.map((p) => (
                        <tr>
                          <td>
                            <code>{p.name}</code>
                            {p.required ? ' (required)' : ''}
                          </td>
                          <td>{p.in}</td>
                          <td>{p.type}</td>
                          <td>{p.description}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {o.body && <p>Body: {o.body}</p>}
                <ul>
                  {o.responses.map((r) => (
                    <li>
                      <code>{r.status}</code> {r.description}
                    </li>
                  ))}
                </ul>
              </article>
            ))}
        </section>
      ))}
    </Layout>
  );
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
