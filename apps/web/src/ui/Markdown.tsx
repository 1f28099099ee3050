// Renders members' markdown safely, for posts, messages and descriptions alike: react-markdown
// builds React elements (never innerHTML) and raw HTML is dropped, not executed; a link keeps its
// target only for http:, https: and mailto: (javascript:, data:, vbscript: and the rest lose it)
// and carries rel="noopener nofollow ugc"; images are written as their description (no request
// leaves for someone else's server); a mention ([@Name](mention:id)) links to the person's
// profile. Headings start at h3, under the page's own h2s. test/browser/xss.e2e-spec.ts proves
// a corpus of payloads inert in a real browser.
import { MENTION_SCHEME } from '@contracts';
import ReactMarkdown, { type Components } from 'react-markdown';
import { Link } from 'react-router-dom';

const SAFE_URL = /^(https?:|mailto:)/i;
const MENTION = new RegExp(`^${MENTION_SCHEME}([0-9a-f-]{36})$`, 'i');

/** A link's target if it is safe to follow (or a mention), else null. */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (SAFE_URL.test(trimmed) || MENTION.test(trimmed)) return trimmed;
  // Relative links stay inside the app (a path, not a scheme: "//evil" is not relative).
  if (/^\/(?![/\\])/.test(trimmed) || /^#/.test(trimmed)) return trimmed;
  return null;
}

function components(myId?: string): Components {
  return {
    h1: ({ node: _node, ...props }) => <h3 {...props} />,
    h2: ({ node: _node, ...props }) => <h3 {...props} />,
    h3: ({ node: _node, ...props }) => <h4 {...props} />,
    h4: ({ node: _node, ...props }) => <h5 {...props} />,
    h5: ({ node: _node, ...props }) => <h6 {...props} />,
    a: ({ href, children }) => {
      const mention = href ? MENTION.exec(href) : null;
      if (mention) {
        const id = mention[1]!.toLowerCase();
        return (
          <Link
            to={`/practitioners/${id}`}
            className={id === myId ? 'mention mention--me' : 'mention'}
            data-testid="mention"
          >
            {children}
          </Link>
        );
      }
      if (!href) return <span className="dead-link">{children}</span>;
      return (
        <a href={href} rel="noopener nofollow ugc" target="_blank">
          {children}
        </a>
      );
    },
    img: ({ alt }) => (alt ? <span className="image-text">[{alt}]</span> : null),
  };
}

export function Markdown({
  text,
  className,
  myId,
  lang,
}: {
  text: string;
  className?: string;
  /** The reader, so their own mentions stand out. */
  myId?: string;
  lang?: string;
}) {
  return (
    <div className={className ? `markdown ${className}` : 'markdown'} lang={lang}>
      <ReactMarkdown
        components={components(myId)}
        skipHtml
        urlTransform={(url) => safeUrl(url) ?? ''}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
