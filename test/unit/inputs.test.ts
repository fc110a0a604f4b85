import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/inputs/errors.js';
import {
  parseBoolean,
  parseColor,
  parseFormat,
  parseFrom,
  parseRooms,
  parseServerUrl,
  parseStatus,
  parseToken,
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
    expect(() => parseStatus('passed')).toThrow(
      "Invalid status 'passed': expected success, failure, cancelled, skipped or started.",
    );
    expect(() => parseStatus('')).toThrow(/Input 'status' is empty/);
  });
});

describe('parseFrom', () => {
  it('allows 64 characters and no more', () => {
    expect(parseFrom('b'.repeat(64))).toHaveLength(64);
    expect(() => parseFrom('b'.repeat(65))).toThrow(/at most 64 characters \(this one has 65\)/);
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
  it('defaults to HipChat Cloud and strips a trailing slash or /v2', () => {
    expect(parseServerUrl('')).toBe('https://api.hipchat.com');
    expect(parseServerUrl('https://chat.example.com/hipchat/v2/')).toBe('https://chat.example.com/hipchat');
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
        return values[name] ?? '';
      },
      setSecret: (secret: string) => calls.push(`mask ${secret}`),
    };
  }

  it('masks the token before reading or validating anything else', () => {
    const fake = source({ token: ' tok-1 ', room: 'Ops', status: 'success' });
    const inputs = readInputs(fake, {});
    expect(fake.calls.slice(0, 3)).toEqual(['get token', 'mask  tok-1 ', 'mask tok-1']);
    expect(inputs).toMatchObject({ token: 'tok-1', rooms: ['Ops'], notify: [], failOnError: true, format: 'html' });
  });

  it('masks the token even when another input is invalid', () => {
    const fake = source({ token: 'tok-2', room: 'Ops', status: 'done' });
    expect(() => readInputs(fake, {})).toThrow(/Invalid status 'done'/);
    expect(fake.calls).toContain('mask tok-2');
  });

  it('falls back to HIPCHAT_TOKEN', () => {
    const fake = source({ room: 'Ops', status: 'failure' });
    expect(readInputs(fake, { HIPCHAT_TOKEN: 'env-token' }).token).toBe('env-token');
    expect(fake.calls).toContain('mask env-token');
  });
});
