export const id = 860;
export const ids = [860];
export const modules = {

/***/ 3860:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TemplateError: () => (/* binding */ TemplateError),
  renderTemplate: () => (/* binding */ renderTemplate)
});

// EXTERNAL MODULE: ./node_modules/liquidjs/dist/liquid.node.js
var liquid_node = __webpack_require__(8694);
;// CONCATENATED MODULE: ./src/suggest.ts
function editDistance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}
/** The known name a misspelt one most likely meant: the closest, if at most two edits away. */
function closestName(name, known) {
    const closest = known.map((candidate) => ({ candidate, distance: editDistance(name, candidate) })).sort((a, b) => a.distance - b.distance)[0];
    return closest && closest.distance <= 2 ? closest.candidate : undefined;
}

;// CONCATENATED MODULE: ./src/render/template.ts


class TemplateError extends Error {
    name = 'TemplateError';
}
/**
 * LiquidJS, sandboxed: it reads only the context it is given (own properties only, so no prototype walking), has
 * no file system (an include finds nothing), and bounds parse size, render time and memory. In html every
 * `{{ value }}` is escaped, so event data cannot add markup, while the template's own markup is kept.
 */
function engine(format) {
    return new liquid_node/* Liquid */.HX({
        templates: {},
        ownPropertyOnly: true,
        strictFilters: true,
        outputEscape: format === 'html' ? 'escape' : undefined,
        parseLimit: 100_000,
        renderLimit: 2_000,
        memoryLimit: 50_000_000,
    });
}
function position(message) {
    const match = /,? line:(\d+), col:(\d+)$/.exec(message);
    if (!match)
        return { text: message, where: '' };
    return { text: message.slice(0, match.index), where: ` (line ${match[1]}, column ${match[2]})` };
}
function hintFor(message) {
    if (message.startsWith('undefined filter'))
        return 'Filters are listed at https://liquidjs.com/filters/overview.html.';
    if (message.includes('not closed'))
        return 'Close every {% if %}, {% for %} and {% capture %} with its {% end... %} tag.';
    if (message.includes('Failed to lookup'))
        return 'Templates cannot include files; put the whole message in one template.';
    if (message.includes('limit exceeded'))
        return 'Make the template do less work: loop over fewer items.';
    return 'Liquid syntax is described at https://liquidjs.com/tutorials/intro-to-liquid.html.';
}
function templateError(source, error) {
    const { text, where } = position(error instanceof Error ? error.message : String(error));
    return new TemplateError(`Invalid template in ${source.origin}${where}: ${text}. ${hintFor(text)}`, { cause: error });
}
/** A misspelt top-level name would render as nothing and go unnoticed, so it fails like a syntax error. */
function checkNames(liquid, templates, source, known) {
    const { globals } = liquid.analyzeSync(templates, { partials: false });
    for (const [name, uses] of Object.entries(globals)) {
        if (known.includes(name))
            continue;
        const location = uses[0]?.location;
        const where = location ? ` (line ${location.row}, column ${location.col})` : '';
        const closest = closestName(name, known);
        const suggestion = closest ? `Did you mean '${closest}'? ` : '';
        throw new TemplateError(`Invalid template in ${source.origin}${where}: unknown variable '${name}'. ${suggestion}Known variables: ${known.join(', ')}.`);
    }
}
/** Renders a template over the context; every problem is a TemplateError naming the source, line and a hint. */
async function renderTemplate(source, context, format) {
    const liquid = engine(format);
    let templates;
    try {
        templates = liquid.parse(source.text);
    }
    catch (error) {
        throw templateError(source, error);
    }
    checkNames(liquid, templates, source, Object.keys(context));
    try {
        return (await liquid.render(templates, context)).trim();
    }
    catch (error) {
        throw templateError(source, error);
    }
}


/***/ })

};
