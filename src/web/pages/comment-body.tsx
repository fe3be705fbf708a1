import { parseMarkdown, type Inline } from '../../community/markdown.ts';

function InlineNodes({ nodes }: { nodes: Inline[] }) {
  return (
    <>
      {nodes.map((node) => {
        switch (node.type) {
          case 'text':
            return node.text;
          case 'br':
            return <br />;
          case 'code':
            return <code>{node.text}</code>;
          case 'em':
            return (
              <em>
                <InlineNodes nodes={node.children} />
              </em>
            );
          case 'strong':
            return (
              <strong>
                <InlineNodes nodes={node.children} />
              </strong>
            );
          case 'link':
            return (
              <a href={node.href} rel="nofollow ugc noopener">
                {node.text}
              </a>
            );
        }
      })}
    </>
  );
}

/** A comment's Markdown as escaped HTML: only the elements the subset allows, links http(s) only. */
export function CommentBody({ source }: { source: string }) {
  return (
    <div class="comment-body">
      {parseMarkdown(source).map((block) =>
        block.type === 'code' ? (
          <pre>
            <code>{block.text}</code>
          </pre>
        ) : (
          <p>
            <InlineNodes nodes={block.children} />
          </p>
        ),
      )}
    </div>
  );
}
