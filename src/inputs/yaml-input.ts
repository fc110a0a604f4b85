import { parse, YAMLParseError } from 'yaml';
import { InputError } from './errors.js';

/**
 * Parses an input written in YAML (or JSON, which YAML reads too). A syntax error names the input, the line and
 * column, and what was expected instead.
 */
export function parseYamlInput(input: string, text: string, expected: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line}, column ${error.linePos[0].col})` : '';
    const reason = (error as Error).message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError(`Invalid ${input}${where}: ${reason}. Expected ${expected}.`);
  }
}
