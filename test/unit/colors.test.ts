import { describe, expect, it } from 'vitest';
import { parseColorsByStatus } from '../../src/inputs/colors.js';
import { JOB_STATUSES, parseColor } from '../../src/inputs/parse.js';
import { resolveColor } from '../../src/render/color.js';

describe('parseColor and parseColorsByStatus', () => {
  it('takes one colour as before', () => {
    expect(parseColor('')).toBe('auto');
    expect(parseColor(' Purple ')).toBe('purple');
  });

  it('takes status=colour entries separated by commas or line breaks, in any case and spacing', () => {
    expect(parseColorsByStatus('success=green, Failure = RED\ncancelled=gray,\n started=purple')).toEqual({
      success: 'green',
      failure: 'red',
      cancelled: 'gray',
      started: 'purple',
    });
    expect(parseColorsByStatus('failure=purple')).toEqual({ failure: 'purple' });
    expect(parseColorsByStatus('success=auto, skipped=random')).toEqual({ success: 'auto', skipped: 'random' });
  });

  it.each([
    [
      'sucess=green',
      "Invalid color entry 'sucess=green': 'sucess' is not a status; expected success, failure, cancelled, skipped or started.",
    ],
    [
      'failure=grey',
      "Invalid color entry 'failure=grey': 'grey' is not a colour; expected auto, yellow, green, red, purple, gray or random. HipChat spells it 'gray'.",
    ],
    [
      'success=green, red',
      "Invalid color entry 'red': expected status=colour, e.g. success=green, failure=red, cancelled=gray, started=purple.",
    ],
    [
      'failure=',
      "Invalid color entry 'failure=': expected status=colour, e.g. success=green, failure=red, cancelled=gray, started=purple.",
    ],
    [
      'failure=red, failure=purple',
      'Invalid color: the status failure is given twice; e.g. success=green, failure=red, cancelled=gray, started=purple.',
    ],
  ])('names the bad entry, the status or the colour, and what is accepted: %s', (raw, message) => {
    expect(() => parseColorsByStatus(raw)).toThrow(message);
  });
});

describe('resolveColor with a mapping', () => {
  it('colours a listed status as mapped and every other one as auto would', () => {
    const setting = parseColorsByStatus('failure=purple, started=purple, success=auto');
    expect(JOB_STATUSES.map((status) => resolveColor(setting, status))).toEqual(['green', 'purple', 'gray', 'yellow', 'purple']);
  });
});
