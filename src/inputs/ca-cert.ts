import { X509Certificate } from 'node:crypto';
import { resolve } from 'node:path';
import type { ReadText } from '../context/read.js';
import { InputError } from './errors.js';

/** Where the ca_cert input says the CA certificate is. */
export type CaCertSource = { readonly pem: string } | { readonly path: string };

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
/** A bundle of every public CA is about 200 kB. */
const CA_CERT_MAX_BYTES = 1024 * 1024;
const ACCEPTED =
  "Give the PEM text of the CA certificate that signed HipChat's certificate, or the path of a PEM file relative to the workspace.";

/**
 * PEM text when it holds a certificate, else a path. Other PEM text (a key pasted by mistake) is refused without
 * being quoted, and so is anything on several lines, which cannot be a path.
 */
export function parseCaCert(raw: string): CaCertSource | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  if (value.includes('-----BEGIN CERTIFICATE-----')) return { pem: value };
  if (value.includes('-----BEGIN') || /[\r\n]/.test(value)) {
    throw new InputError(`Invalid ca_cert: the text holds no '-----BEGIN CERTIFICATE-----' block and is not a path. ${ACCEPTED}`);
  }
  return { path: value };
}

/** The certificates of ca_cert, each checked to be one, read from the file when a path was given. */
export async function loadCaCert(source: CaCertSource, readText: ReadText, workspace: string): Promise<string[]> {
  const shown = 'pem' in source ? 'Invalid ca_cert: the PEM text' : `Invalid ca_cert '${source.path}': the file`;
  let text: string;
  if ('pem' in source) {
    text = source.pem;
  } else {
    const path = resolve(workspace, source.path);
    try {
      text = await readText(path, CA_CERT_MAX_BYTES);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const reason = code === 'EFBIG' || code === 'ENOTFILE' ? (error as Error).message : code;
      throw new InputError(
        `Invalid ca_cert '${source.path}': cannot read ${path}${typeof reason === 'string' ? ` (${reason})` : ''}. ${ACCEPTED}`,
      );
    }
  }
  const blocks = text.match(CERTIFICATE_BLOCK) ?? [];
  if (blocks.length === 0) throw new InputError(`${shown} holds no '-----BEGIN CERTIFICATE-----' block. ${ACCEPTED}`);
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch {
      const which = blocks.length > 1 ? `certificate ${index + 1} of ${blocks.length}` : 'its certificate';
      throw new InputError(`${shown} holds a damaged PEM block: ${which} cannot be parsed. ${ACCEPTED}`);
    }
  }
  return blocks;
}
