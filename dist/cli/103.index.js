export const id = 103;
export const ids = [103];
export const modules = {

/***/ 3103:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseCardShape: () => (/* binding */ parseCardShape)
/* harmony export */ });
/* harmony import */ var valibot__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7934);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _inputs_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1318);
/* harmony import */ var _card_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4662);




/**
 * The `card` input: a YAML (or JSON) mapping whose keys replace parts of the default card. Every string in it
 * is a template over the run's context. Attributes may be written flat ({label, value, url, style}) or in
 * HipChat's own nested form ({label, value: {label, url, style, icon}}).
 */
const Icon = valibot__WEBPACK_IMPORTED_MODULE_2__/* .union */ .KCZ([valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), valibot__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({ url: valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), 'url@2x': valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()) })]);
/** A template too (e.g. a style chosen by status), so it is checked against the lozenges after rendering. */
const Lozenge = valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP();
const Attribute = valibot__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    label: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()),
    value: valibot__WEBPACK_IMPORTED_MODULE_2__/* .union */ .KCZ([
        valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
        valibot__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({ label: valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), url: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()), style: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(Lozenge), icon: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(Icon) }),
    ]),
    url: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()),
    style: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(Lozenge),
    icon: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(Icon),
});
const CardShape = valibot__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    style: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .picklist */ .KIO(_card_js__WEBPACK_IMPORTED_MODULE_1__/* .CARD_STYLES */ .Sp)),
    format: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .picklist */ .KIO(_card_js__WEBPACK_IMPORTED_MODULE_1__/* .CARD_FORMATS */ .Az)),
    title: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()),
    description: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()),
    url: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()),
    icon: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(Icon),
    thumbnail: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({ url: valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), 'url@2x': valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()), width: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig()), height: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig()) })),
    activity: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .union */ .KCZ([valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), valibot__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({ html: valibot__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), icon: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(Icon) })])),
    attributes: valibot__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(valibot__WEBPACK_IMPORTED_MODULE_2__/* .pipe */ .FsL(valibot__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(Attribute), valibot__WEBPACK_IMPORTED_MODULE_2__/* .maxLength */ .Ru6(_card_js__WEBPACK_IMPORTED_MODULE_1__/* .CARD_LIMITS */ .U7.attributes))),
});
/**
 * The most specific issue and its full path. A union reports why each member failed, with paths relative to
 * the union; the member that got furthest into the value explains the mistake best.
 */
function mostSpecific(issue, prefix = []) {
    const path = [...prefix, ...(issue.path ?? []).map((item) => item.key)];
    const members = (issue.issues ?? []).map((member) => mostSpecific(member, path));
    return members.sort((a, b) => b.path.length - a.path.length)[0] ?? { issue, path };
}
function choices(expected) {
    return (expected ?? '').replace(/^\(|\)$/g, '').split(' | ').map((choice) => choice.replace(/^"|"$/g, ''));
}
const TYPE_WORDS = { Object: 'a mapping', Array: 'a list', string: 'text', number: 'a number' };
function describeIssue(first) {
    const { issue, path } = mostSpecific(first);
    const where = `card${path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('')}`;
    if (issue.received === 'undefined')
        return `${where} is missing`;
    switch (issue.type) {
        case 'picklist':
            return `${where} is ${issue.received}: expected ${(0,_inputs_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .listChoices */ .ZH)(choices(issue.expected))}`;
        case 'strict_object':
            return `${where} is not a key a card has`;
        case 'max_length':
            return `${where} has ${issue.received} entries: HipChat shows at most ${issue.requirement}`;
        default:
            return `${where} must be ${TYPE_WORDS[issue.expected ?? ''] ?? issue.expected}, not ${TYPE_WORDS[issue.received] ?? issue.received}`;
    }
}
function parseCardShape(text) {
    let document;
    try {
        document = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(text);
    }
    catch (error) {
        const where = error instanceof yaml__WEBPACK_IMPORTED_MODULE_0__/* .YAMLParseError */ .XT && error.linePos ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})` : '';
        const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
        throw new _inputs_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`Invalid card${where}: ${reason}. Expected a YAML or JSON mapping such as 'title: {{ repository }} deployed'.`);
    }
    if (document === null || typeof document !== 'object' || Array.isArray(document)) {
        throw new _inputs_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`Invalid card: expected a YAML or JSON mapping with keys such as ${(0,_inputs_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .listChoices */ .ZH)(Object.keys(CardShape.entries))}.`);
    }
    const result = valibot__WEBPACK_IMPORTED_MODULE_2__/* .safeParse */ .xLC(CardShape, document);
    if (!result.success)
        throw new _inputs_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(`Invalid card: ${describeIssue(result.issues[0])}.`);
    return result.output;
}


/***/ })

};
