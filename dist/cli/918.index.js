export const id = 918;
export const ids = [918];
export const modules = {

/***/ 6918:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v1Api: () => (/* binding */ v1Api)
/* harmony export */ });
/* unused harmony export v1MessageRequest */
/* harmony import */ var _failure_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8169);

/**
 * POST /v1/rooms/message, form-encoded (hipchat-api.md §4.1). v1 reads the token from the query or the form; it
 * goes in the form, because a URL ends up in proxy and server logs.
 */
function v1MessageRequest(serverUrl, room, token, notification) {
    const form = new URLSearchParams({
        room_id: room,
        from: notification.from,
        message: notification.message,
        message_format: notification.format,
        notify: notification.notify ? '1' : '0',
        color: notification.color,
        auth_token: token,
    });
    return {
        method: 'POST',
        url: `${serverUrl}/v1/rooms/message?format=json`,
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'application/json' },
        body: form.toString(),
    };
}
/** Success is 200 with `{"status": "sent"}`. */
function sent(response) {
    if (response.status !== 200)
        return false;
    try {
        return JSON.parse(response.body)?.status === 'sent';
    }
    catch {
        return false;
    }
}
/** v1 differs from v2 in what a 401 calls for, in using 403 for its rate limit, and in its success answer. */
function describeV1Failure(room, serverUrl, response) {
    if (response.status === 401) {
        return `HipChat did not accept the token for room '${room}' ${(0,_failure_js__WEBPACK_IMPORTED_MODULE_0__/* .hipchatSaid */ .zb)(response)}: with api_version v1, the token input must hold a v1 admin or notification token (v2 tokens do not work on v1).`;
    }
    if (response.status === 403)
        return (0,_failure_js__WEBPACK_IMPORTED_MODULE_0__/* .describeRateLimit */ .J8)(room, response);
    if (response.status < 400) {
        return `HipChat answered ${response.status} for room '${room}' where 200 {"status":"sent"} was expected ${(0,_failure_js__WEBPACK_IMPORTED_MODULE_0__/* .hipchatSaid */ .zb)(response)}.`;
    }
    return (0,_failure_js__WEBPACK_IMPORTED_MODULE_0__/* .describeFailure */ .Ic)(room, serverUrl, response);
}
function v1Api({ serverUrl, token, notification }) {
    return {
        request: (room) => v1MessageRequest(serverUrl, room, token, notification),
        delivered: sent,
        rateLimitStatus: 403,
        describe: (room, response) => describeV1Failure(room, serverUrl, response),
    };
}


/***/ })

};
