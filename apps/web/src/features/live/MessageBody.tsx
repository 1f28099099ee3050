// A message's markdown, rendered safely: react-markdown builds React elements (never innerHTML),
// raw HTML is dropped, only paragraphs, emphasis, links, lists, quotes and code are kept
// (headings are unwrapped to their text, images to their description), and a link keeps its
// target only for http:, https: and mailto: (javascript: and the rest lose it). Mentions
// ([@Name](mention:id)) become links to the person's profile.
import { MENTION_SCHEME } from '@contracts';
import ReactMarkdown, { type Components } from 'react-markdown';
import { Link } from 'react-router-dom';
import remarkGfm from 'remark-gfm';

const ALLOWED = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'a',
  'ul',
  'ol',
  'li',
  'code',
  'pre',
  'blockquote',
  'img',
];
const SAFE_URL = /^(https?:|mailto:)/i;
const MENTION = new RegExp(`^${MENTION_SCHEME}([0-9a-f-]{36})$`, 'i');

/** Keeps http(s) and mailto links and mentions; anything else loses its target. */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  if (SAFE_URL.test(trimmed) || MENTION.test(trimmed)) return trimmed;
  return null;
}

export function MessageBody({ text, myId, lang }: { text: string; myId: string; lang?: string }) {
  const components: Components = {
    a: ({ href, children }) => {
      const mention = href ? MENTION.exec(href) : null;
      if (mention?.[1]) {
        const id = mention[1].toLowerCase();
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
      if (!href) return <span className="message__dead-link">{children}</span>;
      return (
        <a href={href} rel="noopener nofollow ugc">
          {children}
        </a>
      );
    },
    img: ({ alt }) => (alt ? <span className="message__image-text">[{alt}]</span> : null),
  };
  return (
    <div className="message__body markdown" lang={lang}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        allowedElements={ALLOWED}
        unwrapDisallowed
        skipHtml
        urlTransform={(url) => safeUrl(url) ?? ''}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
