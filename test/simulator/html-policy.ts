// The tags and attributes HipChat keeps in html notifications (hipchat-api.md §1.3, DEVMSG's whitelist for
// send_notification). The real server silently curates anything else away; the simulator reports it instead,
// so a test fails when the action produces markup a room would never show.
import { Parser } from 'htmlparser2';

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'rel', 'data-target', 'data-target-options'],
  b: [],
  i: [],
  strong: [],
  em: [],
  br: [],
  img: ['src', 'alt', 'width', 'height', 'align', 'style'],
  pre: [],
  code: [],
  ul: [],
  ol: [],
  li: [],
  table: [],
  thead: [],
  tbody: [],
  tr: ['valign'],
  td: ['colspan', 'rowspan', 'valign'],
  th: ['colspan', 'rowspan', 'valign'],
  span: ['style'],
};

/** Card html (activity, html descriptions) is limited further (§1.3). */
export const CARD_TAGS = ['a', 'b', 'i', 'strong', 'span'] as const;

const SPAN_STYLES = ['font-weight', 'color', 'text-decoration', 'height', 'width'];
const SAFE_URL = /^(https?:|mailto:)/i;

/** The same whitelist as data, for the preview page, which rebuilds html messages from it in the browser. */
export const HTML_POLICY = {
  tags: ALLOWED,
  cardTags: CARD_TAGS,
  spanStyles: SPAN_STYLES,
  safeUrl: SAFE_URL.source,
} as const;

/** The first problem with an html fragment, in words, or undefined when HipChat would keep all of it. */
export function htmlProblem(html: string, tags: readonly string[] = Object.keys(ALLOWED)): string | undefined {
  let problem: string | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (problem) return;
        if (!tags.includes(name)) {
          problem = `tag <${name}> is not allowed (allowed: ${tags.join(', ')})`;
          return;
        }
        for (const [attribute, value] of Object.entries(attributes)) {
          if (!ALLOWED[name]?.includes(attribute)) {
            problem = `attribute '${attribute}' is not allowed on <${name}>`;
          } else if ((attribute === 'href' || attribute === 'src') && !SAFE_URL.test(value.trim())) {
            problem = `<${name} ${attribute}> must be an http, https or mailto URL, not '${value}'`;
          } else if (attribute === 'style' && name === 'span') {
            const property = value
              .split(';')
              .map((rule) => rule.split(':')[0]?.trim().toLowerCase())
              .find((p) => p && !SPAN_STYLES.includes(p));
            if (property) problem = `style property '${property}' is not allowed on <span>`;
          }
          if (problem) return;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return problem;
}
