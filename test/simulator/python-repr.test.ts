import { describe, expect, it } from 'vitest';
import { pyRepr } from './python-repr.ts';

describe('pyRepr', () => {
  it('writes request strings as unicode literals', () => {
    expect(pyRepr('true')).toBe("u'true'");
  });

  it('writes schema strings without the u prefix', () => {
    expect(pyRepr(['html', 'text'], { stringPrefix: '' })).toBe("['html', 'text']");
  });

  it('switches to double quotes only when that avoids escaping', () => {
    expect(pyRepr("it's")).toBe('u"it\'s"');
    expect(pyRepr(`it's "x"`)).toBe(`u'it\\'s "x"'`);
  });

  it('escapes backslashes, control characters and everything beyond ASCII', () => {
    expect(pyRepr('a\\b\n\t\r\u0001\u007f')).toBe("u'a\\\\b\\n\\t\\r\\x01\\x7f'");
    expect(pyRepr('Café 日本 🚀')).toBe("u'Caf\\xe9 \\u65e5\\u672c \\U0001f680'");
  });

  it('writes None, booleans, numbers, lists and dicts', () => {
    expect(pyRepr({ a: null, b: true, c: false, d: [1, 2.5] })).toBe("{u'a': None, u'b': True, u'c': False, u'd': [1, 2.5]}");
  });
});
