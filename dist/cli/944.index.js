export const id = 944;
export const ids = [944];
export const modules = {

/***/ 2944:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TemplateError: () => (/* binding */ TemplateError),
/* harmony export */   renderTemplate: () => (/* binding */ renderTemplate)
/* harmony export */ });
/* harmony import */ var liquidjs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8694);
/* harmony import */ var _suggest_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2969);


class TemplateError extends Error {
    name = 'TemplateError';
}
/**
 * LiquidJS, sandboxed: it reads only the context it is given (own properties only, so no prototype walking), has
 * no file system (an include finds nothing), and bounds parse size, render time and memory. In html every
 * `{{ value }}` is escaped, so event data cannot add markup, while the template's own markup is kept.
 */
function engine(format) {
    return new liquidjs__WEBPACK_IMPORTED_MODULE_0__/* .Liquid */ .HX({
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
        const closest = (0,_suggest_js__WEBPACK_IMPORTED_MODULE_1__/* .closestName */ .N)(name, known);
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
