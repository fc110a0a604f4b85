import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadCaCert, parseCaCert } from '../../src/inputs/ca-cert.js';
import { InputError } from '../../src/inputs/errors.js';
import {
  parseApiVersion,
  parseBoolean,
  parseColor,
  parseFormat,
  parseFrom,
  parseRooms,
  parseServerUrl,
  parseStatus,
  parseToken,
  parseV1From,
  parseWholeNumber,
} from '../../src/inputs/parse.js';
import { readInputs } from '../../src/inputs/read.js';

describe('parseRooms', () => {
  it('splits one line on commas and trims', () => {
    expect(parseRooms(' Operations, 42 ,Dev Ops')).toEqual(['Operations', '42', 'Dev Ops']);
  });

  it('splits a multi-line list on line breaks only, so names may hold commas', () => {
    expect(parseRooms('Ops, Europe\r\n\n42\n')).toEqual(['Ops, Europe', '42']);
  });

  it('drops duplicates so a room is not notified twice', () => {
    expect(parseRooms('Ops,Ops,ops')).toEqual(['Ops', 'ops']);
  });

  it('requires at least one room', () => {
    expect(() => parseRooms(' , ')).toThrow(/Input 'room' is required/);
    expect(() => parseRooms(' \n \n')).toThrow(/Input 'room' is required/);
  });

  it('rejects names HipChat cannot hold or a URL cannot address', () => {
    expect(() => parseRooms('x'.repeat(101))).toThrow(/1 to 100 characters/);
    expect(parseRooms('é'.repeat(100))).toHaveLength(1);
    expect(() => parseRooms('..')).toThrow(/numeric id/);
    expect(() => parseRooms('a\tb')).toThrow(/Invalid room 'a\\tb'/);
  });
});

describe('parseColor', () => {
  it('defaults to auto and accepts any case', () => {
    expect(parseColor('')).toBe('auto');
    expect(parseColor('Purple')).toBe('purple');
  });

  it('names the input, the value, the choices, and spots the British spelling', () => {
    expect(() => parseColor('grey')).toThrow(
      "Invalid color 'grey': expected auto, yellow, green, red, purple, gray or random. HipChat spells it 'gray'.",
    );
  });
});

describe('parseBoolean', () => {
  it('takes the YAML words core.getBooleanInput takes, and the default when empty', () => {
    expect(parseBoolean('notify', 'True', false)).toBe(true);
    expect(parseBoolean('notify', 'FALSE', true)).toBe(false);
    expect(parseBoolean('notify', '', true)).toBe(true);
    expect(() => parseBoolean('notify', 'yes', false)).toThrow("Invalid notify 'yes': expected true or false.");
  });
});

describe('parseFormat and parseStatus', () => {
  it('accepts the documented values', () => {
    expect(parseFormat('')).toBe('html');
    expect(parseFormat('TEXT')).toBe('text');
    expect(parseStatus(' Success ')).toBe('success');
  });

  it('rejects others with the list', () => {
    expect(() => parseFormat('markdown')).toThrow("Invalid format 'markdown': expected html, text or card.");
    expect(() => parseStatus('passed')).toThrow("Invalid status 'passed': expected success, failure, cancelled, skipped or started.");
    expect(() => parseStatus('')).toThrow(/Input 'status' is empty/);
  });
});

describe('parseFrom', () => {
  it('allows 64 characters and no more', () => {
    expect(parseFrom('b'.repeat(64))).toHaveLength(64);
    expect(() => parseFrom('b'.repeat(65))).toThrow(/at most 64 characters \(this one has 65\)/);
  });
});

describe('parseApiVersion', () => {
  it('defaults to v2 and takes v1', () => {
    expect(parseApiVersion('')).toBe('v2');
    expect(parseApiVersion(' V1 ')).toBe('v1');
    expect(() => parseApiVersion('2')).toThrow("Invalid api_version '2': expected v2 or v1.");
  });
});

describe('parseWholeNumber', () => {
  const retries = { min: 0, max: 10, fallback: 3 };
  it('takes a whole number within bounds, or the default when empty', () => {
    expect(parseWholeNumber('retries', ' 0 ', retries)).toBe(0);
    expect(parseWholeNumber('retries', '10', retries)).toBe(10);
    expect(parseWholeNumber('retries', '', retries)).toBe(3);
  });

  it.each(['-1', '11', '2.5', '1e1', 'three', '0x3'])('rejects %s, naming the input, the value and the range', (raw) => {
    expect(() => parseWholeNumber('retries', raw, retries)).toThrow(`Invalid retries '${raw}': expected a whole number from 0 to 10.`);
  });

  it('names the unit', () => {
    expect(() => parseWholeNumber('timeout', '0', { min: 1, max: 300, fallback: 10, unit: 'seconds' })).toThrow(
      "Invalid timeout '0': expected a whole number of seconds from 1 to 300.",
    );
  });
});

describe('parseV1From', () => {
  it("takes 1 to 15 letters, digits, '-', '_' or spaces, as v1 requires", () => {
    expect(parseV1From(' GitHub Actions ')).toBe('GitHub Actions');
    expect(parseV1From('Équipe_日本-CI 15')).toBe('Équipe_日本-CI 15');
  });

  it.each(['', 'GitHub Actions CI', 'CI/CD', 'a\tb'])('rejects %j', (raw) => {
    expect(() => parseV1From(raw)).toThrow(
      /^Invalid from '.*': with api_version v1, HipChat requires a sender name of 1 to 15 letters, digits, '-', '_' or spaces\.$/,
    );
  });
});

describe('ca_cert', () => {
  const pem = readFile(new URL('../simulator/fixtures/localhost-cert.pem', import.meta.url), 'utf8');
  const files = (content: Record<string, string>) => async (path: string) => {
    if (path in content) return content[path] as string;
    throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  };

  it('is PEM text when it holds a certificate, else a path; empty means none', async () => {
    expect(parseCaCert(`\n${await pem}`)).toEqual({ pem: (await pem).trim() });
    expect(parseCaCert(' certs/ca.pem ')).toEqual({ path: 'certs/ca.pem' });
    expect(parseCaCert('  ')).toBeUndefined();
  });

  it('refuses other PEM text without quoting it, e.g. a private key', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----';
    expect(() => parseCaCert(key)).toThrow(/^Invalid ca_cert: the text holds no '-----BEGIN CERTIFICATE-----' block and is not a path\./);
    expect(() => parseCaCert(key)).not.toThrow(/c2VjcmV0/);
  });

  it('reads a path relative to the workspace and returns each certificate', async () => {
    const bundle = `${await pem}\n${await pem}`;
    expect(await loadCaCert({ path: 'certs/ca.pem' }, files({ '/ws/certs/ca.pem': bundle }), '/ws')).toHaveLength(2);
    expect(await loadCaCert({ path: '/etc/ca.pem' }, files({ '/etc/ca.pem': await pem }), '/ws')).toEqual([(await pem).trim()]);
    expect(await loadCaCert({ pem: await pem }, files({}), '/ws')).toEqual([(await pem).trim()]);
  });

  it('names ca_cert, the value and the fix when the file is missing or holds no certificate', async () => {
    await expect(loadCaCert({ path: 'ca.pem' }, files({}), '/ws')).rejects.toThrow(
      "Invalid ca_cert 'ca.pem': cannot read /ws/ca.pem (ENOENT). Give the PEM text of the CA certificate that signed HipChat's certificate, or the path of a PEM file relative to the workspace.",
    );
    await expect(loadCaCert({ path: 'ca.pem' }, files({ '/ws/ca.pem': 'hello' }), '/ws')).rejects.toThrow(
      /^Invalid ca_cert 'ca\.pem': the file holds no '-----BEGIN CERTIFICATE-----' block\./,
    );
    const damaged = (await pem).replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAA');
    await expect(loadCaCert({ pem: `${await pem}\n${damaged}` }, files({}), '/ws')).rejects.toThrow(
      /^Invalid ca_cert: the PEM text holds a damaged PEM block: certificate 2 of 2 cannot be parsed\./,
    );
  });
});

describe('parseToken', () => {
  it('trims and accepts a token', () => {
    expect(parseToken(' abc123 \n')).toBe('abc123');
  });

  it('never quotes the token in an error', () => {
    const error = (() => {
      try {
        parseToken('abc 123');
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error?.message).toMatch(/whitespace/);
    expect(error?.message).not.toContain('abc');
    expect(() => parseToken('')).toThrow(/Input 'token' is required/);
  });
});

describe('parseServerUrl', () => {
  it('defaults to HipChat Cloud and strips a trailing slash, /v2 or /v1', () => {
    expect(() => parseServerUrl('')).toThrow(
      "Input 'server_url' is required: give the address of your HipChat Server or Data Center, e.g. server_url: https://hipchat.example.com (HipChat Cloud, api.hipchat.com, was shut down in 2019).",
    );
    expect(() => parseServerUrl(' ', true)).toThrow(/e\.g\. --server-url https:\/\/hipchat\.example\.com/);
    expect(parseServerUrl('https://chat.example.com/hipchat/v2/')).toBe('https://chat.example.com/hipchat');
    expect(parseServerUrl('https://chat.example.com/v1')).toBe('https://chat.example.com');
  });

  it('rejects other schemes', () => {
    expect(() => parseServerUrl('ftp://chat.example.com')).toThrow(
      "Invalid server_url 'ftp://chat.example.com/': expected an http or https URL",
    );
    expect(() => parseServerUrl('chat.example.com')).toThrow(/Invalid server_url 'chat.example.com'/);
  });

  it('rejects credentials and query strings without echoing them', () => {
    for (const url of ['https://user:s3cret@chat.example.com', 'https://chat.example.com/v2?auth_token=s3cret']) {
      expect(() => parseServerUrl(url)).toThrow(/without credentials, query string or fragment/);
      expect(() => parseServerUrl(url)).not.toThrow(/s3cret/);
    }
    expect(() => parseServerUrl('htp:// bad?auth_token=s3cret')).not.toThrow(/s3cret/);
  });
});

describe('readInputs', () => {
  function source(values: Record<string, string>) {
    const calls: string[] = [];
    return {
      calls,
      getInput: (name: string) => {
        calls.push(`get ${name}`);
        return { server_url: 'https://hipchat.example.com', ...values }[name] ?? '';
      },
      setSecret: (secret: string) => calls.push(`mask ${secret}`),
    };
  }

  it('masks the token before reading or validating anything else', async () => {
    const fake = source({ token: ' tok-1 ', room: 'Ops', status: 'success' });
    const inputs = await readInputs(fake, {});
    expect(fake.calls.slice(0, 3)).toEqual(['get token', 'mask  tok-1 ', 'mask tok-1']);
    expect(inputs).toMatchObject({ token: 'tok-1', rooms: ['Ops'], notify: [], failOnError: true, format: 'html' });
    expect(inputs).toMatchObject({ apiVersion: 'v2', retries: 3, timeoutSeconds: 10, caCert: undefined, tlsVerify: true });
  });

  it('also masks the token as a form body or a URL would encode it', async () => {
    const fake = source({ token: 'a+b/c=d e', room: 'Ops', status: 'success' });
    await expect(readInputs(fake, {})).rejects.toThrow(/Invalid token/);
    expect(fake.calls.filter((call) => call.startsWith('mask a'))).toEqual([
      'mask a+b/c=d e',
      'mask a%2Bb%2Fc%3Dd%20e',
      'mask a%2Bb%2Fc%3Dd+e',
    ]);
  });

  it('masks the token even when another input is invalid', async () => {
    const fake = source({ token: 'tok-2', room: 'Ops', status: 'done' });
    await expect(readInputs(fake, {})).rejects.toThrow(/Invalid status 'done'/);
    expect(fake.calls).toContain('mask tok-2');
  });

  it("checks from against v1's rules only when api_version is v1", async () => {
    const long = { token: 't', room: 'Ops', status: 'success', from: 'GitHub Actions CI' };
    expect((await readInputs(source(long), {})).from).toBe('GitHub Actions CI');
    await expect(readInputs(source({ ...long, api_version: 'v1' }), {})).rejects.toThrow(
      /^Invalid from 'GitHub Actions CI': with api_version v1/,
    );
  });

  it('refuses a card with API v1, which has none', async () => {
    const fake = source({ token: 't', room: 'Ops', status: 'success', format: 'card', api_version: 'v1', from: 'CI' });
    await expect(readInputs(fake, {})).rejects.toThrow(
      "Invalid format 'card' with api_version 'v1': HipChat's v1 API has no cards; use html or text, or api_version v2.",
    );
  });

  it('falls back to HIPCHAT_TOKEN', async () => {
    const fake = source({ room: 'Ops', status: 'failure' });
    expect((await readInputs(fake, { HIPCHAT_TOKEN: 'env-token' })).token).toBe('env-token');
    expect(fake.calls).toContain('mask env-token');
  });
});
