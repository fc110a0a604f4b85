export const id = 527;
export const ids = [527];
export const modules = {

/***/ 8527:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   proxyTransport: () => (/* binding */ proxyTransport)
/* harmony export */ });
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6752);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1099);
/* harmony import */ var _transport_options_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6457);
// Loaded with import() only when a proxy variable is set: undici compiles its HTTP parser (WebAssembly) as it loads,
// which the usual run, with no proxy, does without.



/**
 * EnvHttpProxyAgent routes each request as HTTPS_PROXY, HTTP_PROXY and NO_PROXY say. Through a tunnel, `connect`
 * reaches only the proxy: the server's TLS options go in `requestTls`, and `proxyTls` trusts the same CA for an
 * https:// proxy. undici 6 passes both on but leaves them out of EnvHttpProxyAgent's type.
 */
function proxyDispatcher(options) {
    const tls = (0,_transport_options_js__WEBPACK_IMPORTED_MODULE_2__/* .tlsOptions */ .YF)(options);
    const proxied = tls
        ? { connect: tls, requestTls: tls, proxyTls: tls }
        : {};
    try {
        return new undici__WEBPACK_IMPORTED_MODULE_0__.EnvHttpProxyAgent(proxied);
    }
    catch (error) {
        // The value is not quoted: a proxy URL often carries a password.
        throw new Error(`Cannot use the proxy in HTTPS_PROXY or HTTP_PROXY: ${error.message}. Set it to a URL such as http://proxy.example.com:3128.`, { cause: error });
    }
}
/** One keep-alive connection pool for every room of the run, through the proxy the environment names. */
function proxyTransport(options) {
    const dispatcher = proxyDispatcher(options);
    return {
        async send(outgoing, { timeoutMs }) {
            const signal = AbortSignal.timeout(timeoutMs);
            try {
                const response = await (0,undici__WEBPACK_IMPORTED_MODULE_0__.request)(outgoing.url, {
                    method: outgoing.method,
                    headers: outgoing.headers,
                    body: outgoing.body,
                    dispatcher,
                    signal,
                });
                return {
                    status: response.statusCode,
                    headers: (0,_transport_options_js__WEBPACK_IMPORTED_MODULE_2__/* .flattenHeaders */ .N4)(response.headers),
                    body: await response.body.text(),
                };
            }
            catch (error) {
                if (signal.aborted)
                    throw new _http_js__WEBPACK_IMPORTED_MODULE_1__/* .RequestTimeout */ .V(timeoutMs, { cause: error });
                throw error;
            }
        },
        close: () => dispatcher.close(),
    };
}


/***/ })

};
