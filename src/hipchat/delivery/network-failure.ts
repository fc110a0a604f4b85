import { RequestTimeout, seconds } from '../transport/http.js';
import type { CallPlace } from './failure.js';

/** Node's codes for a certificate chain that does not end at a trusted CA. */
const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
]);
const OUTDATED_CERTIFICATE = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const WRONG_HOST = 'ERR_TLS_CERT_ALTNAME_INVALID';

export interface NetworkFailure {
  readonly message: string;
  /** Sending again would meet the same refusal: the certificate will not change within this run. */
  readonly final: boolean;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The codes of an error and of its causes: undici wraps a TLS error met through a proxy. */
export function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = codeOf(current);
    if (code) codes.push(code);
  }
  return codes;
}

/** What went wrong with the certificate, when that is why no answer came. */
export type CertificateProblem = 'untrusted' | 'wrong-host' | 'outdated';

export function certificateProblem(error: unknown): CertificateProblem | undefined {
  const codes = codesOf(error);
  if (codes.some((code) => UNTRUSTED_CERTIFICATE.has(code))) return 'untrusted';
  if (codes.includes(WRONG_HOST)) return 'wrong-host';
  if (codes.some((code) => OUTDATED_CERTIFICATE.has(code))) return 'outdated';
  return undefined;
}

/** What to do about each certificate problem. The check leaves out the last resort of turning verification off. */
export const CERTIFICATE_ADVICE: Readonly<Record<CertificateProblem, string>> = {
  untrusted:
    "The server's certificate is not signed by a CA the runner trusts: give the certificate of the CA that signed it in ca_cert (PEM text or a file)",
  'wrong-host': 'The certificate was issued for another host name: put a host name it names in server_url',
  outdated: "The server's certificate has expired or is not yet valid: renew it",
};

/** undici gives a refused CONNECT no code of its own, only this wording. */
export function isRefusedTunnel(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('Proxy response');
}

export function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = codeOf(error);
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

/** Turns an attempt that got no HTTP answer into a sentence that says why and what to do. */
export function describeNetworkFailure({ serverUrl, room, words }: CallPlace, error: unknown): NetworkFailure {
  if (error instanceof RequestTimeout) {
    return {
      final: false,
      message: `HipChat at ${serverUrl} gave no complete answer for ${words.place(room)} within ${seconds(error.timeoutMs)}; it may have taken ${words.subject} all the same.`,
    };
  }
  const unreached = `Could not reach HipChat at ${serverUrl} for ${words.place(room)}: ${networkReason(error)}.`;
  const problem = certificateProblem(error);
  if (problem === 'untrusted') {
    return {
      final: true,
      message: `${unreached} ${CERTIFICATE_ADVICE.untrusted}, or, only if you accept that anyone on the way can read the token, set tls_verify: false.`,
    };
  }
  if (problem) return { final: true, message: `${unreached} ${CERTIFICATE_ADVICE[problem]}.` };
  if (isRefusedTunnel(error)) {
    return {
      final: false,
      message: `${unreached} The proxy in HTTPS_PROXY or HTTP_PROXY would not open a tunnel to HipChat: check its address and credentials, or list HipChat's host in NO_PROXY.`,
    };
  }
  return { final: false, message: unreached };
}
