export const id = 129;
export const ids = [129];
export const modules = {

/***/ 4662:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Az: () => (/* binding */ CARD_FORMATS),
/* harmony export */   Qb: () => (/* binding */ LOZENGE_STYLES),
/* harmony export */   Sp: () => (/* binding */ CARD_STYLES),
/* harmony export */   U7: () => (/* binding */ CARD_LIMITS),
/* harmony export */   p5: () => (/* binding */ CARD_HTML_TAGS)
/* harmony export */ });
/** A HipChat card (hipchat-api.md §1.4): what `format: card` sends beside the fallback message. */
const CARD_STYLES = ['application', 'file', 'image', 'link', 'media'];
const CARD_FORMATS = ['medium', 'compact'];
const LOZENGE_STYLES = [
    'lozenge-success',
    'lozenge-error',
    'lozenge-current',
    'lozenge-complete',
    'lozenge-moved',
    'lozenge',
];
/** The server's limits (the schema it dumped in a 400, §1.4). */
const CARD_LIMITS = {
    title: 500,
    description: 1000,
    attributes: 10,
    attributeLabel: 50,
    thumbnailUrl: 250,
};
/** Card html may use only these tags (§1.3). */
const CARD_HTML_TAGS = ['a', 'b', 'i', 'strong', 'span'];


/***/ }),

/***/ 129:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  composeCard: () => (/* binding */ composeCard),
  fitCard: () => (/* binding */ fitCard)
});

// EXTERNAL MODULE: ./src/inputs/errors.ts
var errors = __webpack_require__(1318);
// EXTERNAL MODULE: ./src/render/limits.ts
var limits = __webpack_require__(9142);
// EXTERNAL MODULE: ./src/card/card.ts
var card_card = __webpack_require__(4662);
// EXTERNAL MODULE: ./src/context/payload.ts
var payload = __webpack_require__(1453);
// EXTERNAL MODULE: ./src/render/events.ts
var events = __webpack_require__(3639);
// EXTERNAL MODULE: ./src/render/rich-text.ts
var rich_text = __webpack_require__(4438);
;// CONCATENATED MODULE: ./src/card/default-card.ts



const STATUS_LOZENGES = {
    success: 'lozenge-success',
    failure: 'lozenge-error',
    cancelled: 'lozenge-moved',
    skipped: 'lozenge',
    started: 'lozenge-current',
};
/** The same for every send of one job in one run attempt, so HipChat recognises a card sent again. */
function cardId(view) {
    const { github } = view;
    return `hipchat-notify:${github.repository}:${github.run_id}:${github.run_attempt}:${github.job}`;
}
function attribute(label, value, url, style) {
    if (!value)
        return undefined;
    return { label, value: { label: value, ...(url ? { url } : {}), ...(style ? { style } : {}) } };
}
function defaultAttributes(view) {
    const action = (0,payload/* stringAt */.b)(view.event, 'action');
    const attempt = Number(view.github.run_attempt) > 1 ? ` (attempt ${view.github.run_attempt})` : '';
    const environment = (0,payload/* stringAt */.b)(view.event, 'deployment', 'environment');
    return [
        attribute('Status', view.status, undefined, STATUS_LOZENGES[view.status]),
        attribute(view.ref_type === 'tag' ? 'Tag' : 'Branch', view.ref_name, view.ref_url),
        attribute('Commit', view.short_sha, view.commit_url),
        attribute('Pull request', view.pull_request ? `#${view.pull_request.number}` : '', view.pull_request?.url),
        attribute('Release', view.release?.tag ?? '', view.release?.url),
        attribute('Environment', environment ?? ''),
        attribute('Author', view.actor, view.actor ? `${view.github.server_url}/${encodeURIComponent(view.actor)}` : undefined),
        attribute('Event', view.event_name ? `${view.event_name}${action ? ` (${action.replace(/_/g, ' ')})` : ''}` : ''),
        attribute('Workflow', view.workflow, `${view.repository_url}/actions`),
        attribute('Run', `#${view.run_number}${attempt}`, view.run_url),
    ].filter((entry) => entry !== undefined);
}
/**
 * Card html has no line breaks (only a, b, i, strong and span), so the lines run on: a bulleted line (a push's
 * commits) after its own bullet, any other after a middle dot.
 */
function oneLineHtml(lines) {
    return lines
        .map((line, index) => {
        if (index === 0)
            return (0,rich_text/* lineHtml */.Or)(line);
        const bulleted = typeof line[0] === 'string' && line[0].startsWith('• ');
        return `${bulleted ? ' ' : ' · '}${(0,rich_text/* lineHtml */.Or)(line)}`;
    })
        .join('');
}
function capitalise(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}
/**
 * The card for the run: the status in the title and a lozenge, the event's details in the description, and
 * the run's facts as linked attributes. An activity line (one line, expandable) is added when the description
 * runs to several lines, since that is when a collapsed card reads better in a busy room.
 */
function defaultCard(view) {
    const described = (0,events/* describeEvent */.g)(view);
    const details = described.details ?? [];
    const description = capitalise(oneLineHtml([described.subject, ...details]).trim());
    const title = `${view.repository}: ${view.workflow} #${view.run_number} ${view.status_word}`;
    const headline = (0,rich_text/* renderRich */.Jp)({ headline: [{ text: title, url: view.run_url }, ...described.subject], details: [], links: [] }, 'html');
    return {
        style: 'application',
        format: 'medium',
        id: cardId(view),
        title,
        url: view.run_url,
        icon: { url: `${view.github.server_url}/favicon.ico` },
        ...(description ? { description: { value: description, format: 'html' } } : {}),
        ...(details.length > 0 ? { activity: { html: headline } } : {}),
        attributes: defaultAttributes(view),
    };
}

;// CONCATENATED MODULE: ./src/card/compose.ts




function checkUrl(url, field) {
    if (url && !/^https?:\/\//i.test(url)) {
        throw new errors/* InputError */.dz(`Invalid card: card.${field} is '${url}': expected an http or https URL.`);
    }
    return url;
}
function checkCardHtml(html, field) {
    for (const [, tag] of html.matchAll(/<\/?([A-Za-z][\w-]*)/g)) {
        if (!card_card/* CARD_HTML_TAGS */.p5.includes(tag?.toLowerCase() ?? '')) {
            throw new errors/* InputError */.dz(`Invalid card: card.${field} uses <${tag}>: HipChat cards allow only ${(0,errors/* listChoices */.ZH)(card_card/* CARD_HTML_TAGS */.p5)}.`);
        }
    }
    return html;
}
async function renderStyle(template, field, render) {
    const style = await render(template, field, false);
    if (style === '')
        return undefined;
    if (card_card/* LOZENGE_STYLES */.Qb.includes(style))
        return style;
    throw new errors/* InputError */.dz(`Invalid card: card.${field} is "${style}": expected ${(0,errors/* listChoices */.ZH)(card_card/* LOZENGE_STYLES */.Qb)}.`);
}
async function renderIcon(icon, field, render) {
    if (typeof icon === 'string') {
        const url = checkUrl(await render(icon, field, false), field);
        return url || undefined;
    }
    const url = checkUrl(await render(icon.url, `${field}.url`, false), `${field}.url`);
    const retina = icon['url@2x'] ? checkUrl(await render(icon['url@2x'], `${field}.url@2x`, false), `${field}.url@2x`) : '';
    return url ? { url, ...(retina ? { 'url@2x': retina } : {}) } : undefined;
}
async function renderAttribute(attribute, index, render) {
    const field = `attributes[${index}]`;
    const nested = typeof attribute.value === 'string' ? { label: attribute.value, url: attribute.url, style: attribute.style, icon: attribute.icon } : attribute.value;
    const label = attribute.label === undefined ? '' : await render(attribute.label, `${field}.label`, false);
    const value = await render(nested.label, `${field}.value`, false);
    if (!value)
        return undefined;
    const url = nested.url ? checkUrl(await render(nested.url, `${field}.url`, false), `${field}.url`) : '';
    const icon = nested.icon ? await renderIcon(nested.icon, `${field}.icon`, render) : undefined;
    const style = nested.style ? await renderStyle(nested.style, `${field}.style`, render) : undefined;
    return {
        ...(label ? { label } : {}),
        value: { label: value, ...(url ? { url } : {}), ...(style ? { style } : {}), ...(icon ? { icon } : {}) },
    };
}
/** The user's shape over the default card. Only keys the user gave change; a field that renders empty goes. */
async function applyShape(card, shape, render) {
    const next = { ...card };
    const set = (key, value) => {
        if (value === undefined || value === '')
            delete next[key];
        else
            next[key] = value;
    };
    if (shape.style)
        set('style', shape.style);
    if (shape.format)
        set('format', shape.format);
    if (shape.title !== undefined)
        next.title = (await render(shape.title, 'title', false)) || card.title;
    if (shape.description !== undefined) {
        const value = checkCardHtml(await render(shape.description, 'description', true), 'description');
        set('description', value ? { value, format: 'html' } : undefined);
    }
    if (shape.url !== undefined)
        set('url', checkUrl(await render(shape.url, 'url', false), 'url'));
    if (shape.icon !== undefined)
        set('icon', await renderIcon(shape.icon, 'icon', render));
    if (shape.thumbnail !== undefined) {
        const url = checkUrl(await render(shape.thumbnail.url, 'thumbnail.url', false), 'thumbnail.url');
        if ([...url].length > card_card/* CARD_LIMITS */.U7.thumbnailUrl) {
            throw new errors/* InputError */.dz(`Invalid card: card.thumbnail.url has ${[...url].length} characters: HipChat accepts at most ${card_card/* CARD_LIMITS */.U7.thumbnailUrl}.`);
        }
        set('thumbnail', url ? { ...shape.thumbnail, url } : undefined);
    }
    if (shape.activity !== undefined) {
        const activity = typeof shape.activity === 'string' ? { html: shape.activity } : shape.activity;
        const html = checkCardHtml(await render(activity.html, 'activity', true), 'activity');
        const icon = activity.icon ? await renderIcon(activity.icon, 'activity.icon', render) : undefined;
        set('activity', html ? { html, ...(icon ? { icon } : {}) } : undefined);
    }
    if (shape.attributes !== undefined) {
        const attributes = await Promise.all(shape.attributes.map((attribute, index) => renderAttribute(attribute, index, render)));
        set('attributes', attributes.filter((attribute) => attribute !== undefined));
    }
    return next;
}
/** Brings every length within the server's schema; values are shortened cleanly rather than rejected. */
function fitCard(card) {
    return {
        ...card,
        title: (0,limits/* shortenText */.Bu)(card.title, card_card/* CARD_LIMITS */.U7.title),
        ...(card.description ? { description: { ...card.description, value: (0,limits/* shortenHtml */.H_)(card.description.value, card_card/* CARD_LIMITS */.U7.description) } } : {}),
        ...(card.attributes
            ? {
                attributes: card.attributes.map((attribute) => attribute.label ? { ...attribute, label: (0,limits/* shortenText */.Bu)(attribute.label, card_card/* CARD_LIMITS */.U7.attributeLabel) } : attribute),
            }
            : {}),
    };
}
/** The card to send: the default card for the run, shaped by the `card` input when there is one. */
async function composeCard(view, shapeText) {
    const card = defaultCard(view);
    if (!shapeText.trim())
        return fitCard(card);
    // The YAML parser, the schema and the template engine load only for runs that shape their card.
    const [{ parseCardShape }, { renderTemplate }] = await Promise.all([Promise.all(/* import() */[__webpack_require__.e(456), __webpack_require__.e(103)]).then(__webpack_require__.bind(__webpack_require__, 3103)), Promise.all(/* import() */[__webpack_require__.e(694), __webpack_require__.e(860)]).then(__webpack_require__.bind(__webpack_require__, 3860))]);
    const shape = parseCardShape(shapeText);
    const render = (template, field, html) => renderTemplate({ text: template, origin: `input 'card' (card.${field})` }, view, html ? 'html' : 'text');
    return fitCard(await applyShape(card, shape, render));
}


/***/ })

};
