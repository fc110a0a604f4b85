// Rebuilds an html message from HipChat's whitelist (test/simulator/html-policy.ts, served as /policy.json), with
// DOM APIs only: the message is parsed into an inert document, where nothing runs or loads, and only whitelisted
// elements and attributes are copied out. A hostile message can therefore neither script nor restyle the page.

/** Their content is code or markup, not text a room would show. */
const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'head',
  'title',
  'textarea',
  'select',
]);

/** Safe for any element: they only describe layout. */
const PLAIN_ATTRIBUTES = new Set(['alt', 'width', 'height', 'align', 'colspan', 'rowspan', 'valign']);

function copyStyle(from, to, policy) {
  for (const rule of from.split(';')) {
    const colon = rule.indexOf(':');
    if (colon === -1) continue;
    const property = rule.slice(0, colon).trim().toLowerCase();
    // Set through the CSS object model, which parses the value as that property's value and nothing more.
    if (policy.spanStyles.includes(property)) to.style.setProperty(property, rule.slice(colon + 1).trim());
  }
}

function copyAttributes(from, to, allowed, policy) {
  const safeUrl = new RegExp(policy.safeUrl, 'i');
  for (const { name, value } of from.attributes) {
    if (!allowed.includes(name)) continue;
    if (name === 'href' || name === 'src') {
      if (safeUrl.test(value.trim())) to.setAttribute(name, value.trim());
    } else if (name === 'style') {
      copyStyle(value, to, policy);
    } else if (PLAIN_ATTRIBUTES.has(name)) {
      to.setAttribute(name, value);
    }
    // rel and data-target* open HipChat add-ons; they mean nothing here.
  }
  if (to.localName === 'a') {
    to.target = '_blank';
    to.rel = 'noopener noreferrer';
  }
  if (to.localName === 'img') to.referrerPolicy = 'no-referrer';
}

function copyChildren(from, to, tags, policy) {
  for (const node of from.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.append(node.data);
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      const name = node.localName;
      if (DROPPED_WITH_CONTENT.has(name)) continue;
      if (!tags.includes(name)) {
        // HipChat curates a tag it does not keep away and shows its text.
        copyChildren(node, to, tags, policy);
        continue;
      }
      const element = document.createElement(name);
      copyAttributes(node, element, policy.tags[name] ?? [], policy);
      // An image whose address was refused has nothing left to show.
      if (name === 'img' && !element.hasAttribute('src')) continue;
      copyChildren(node, element, tags, policy);
      to.append(element);
    }
  }
}

/**
 * The html as HipChat would show it, as a fragment of new nodes. `tags` narrows the whitelist, as card fields
 * (description, activity) allow only a, b, i, strong and span.
 */
export function sanitizedHtml(html, policy, tags = Object.keys(policy.tags)) {
  const inert = new DOMParser().parseFromString(html, 'text/html');
  const fragment = document.createDocumentFragment();
  copyChildren(inert.body, fragment, tags, policy);
  return fragment;
}

/** True for the links a message may carry: http, https and mailto, as HipChat keeps them. */
export function isSafeUrl(url, policy) {
  return typeof url === 'string' && new RegExp(policy.safeUrl, 'i').test(url.trim());
}
