import { Liquid, type Template } from 'liquidjs';
import type { MessageFormat } from '../inputs/parse.js';
import { closestName } from '../suggest.js';
import { quietMentions } from './mentions.js';

/** A template and where it came from, for errors: "input 'template'" or "template_file 'ci/message.liquid'". */
export interface TemplateSource {
  readonly text: string;
  readonly origin: string;
}

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/**
 * LiquidJS, sandboxed: it reads only the context it is given (own properties only, so no prototype walking), has
 * no file system (an include finds nothing), and bounds parse size, render time and memory. In html every
 * `{{ value }}` is escaped, so event data cannot add markup, while the template's own markup is kept; in text no value
 * can add a mention, while the template's own mentions work.
 */
function engine(format: MessageFormat): Liquid {
  // Only strings are changed: Liquid writes what comes back as it writes any value, so null is still nothing.
  const quiet = (value: unknown) => (typeof value === 'string' ? quietMentions(value) : value) as string;
  return new Liquid({
    templates: {},
    ownPropertyOnly: true,
    strictFilters: true,
    outputEscape: format === 'html' ? 'escape' : quiet,
    parseLimit: 100_000,
    renderLimit: 2_000,
    memoryLimit: 50_000_000,
  });
}

function position(message: string): { text: string; where: string } {
  const match = /,? line:(\d+), col:(\d+)$/.exec(message);
  if (!match) return { text: message, where: '' };
  return { text: message.slice(0, match.index), where: ` (line ${match[1]}, column ${match[2]})` };
}

function hintFor(message: string): string {
  if (message.startsWith('undefined filter')) return 'Filters are listed at https://liquidjs.com/filters/overview.html.';
  if (message.includes('not closed')) return 'Close every {% if %}, {% for %} and {% capture %} with its {% end... %} tag.';
  if (message.includes('Failed to lookup')) return 'Templates cannot include files; put the whole message in one template.';
  if (message.includes('limit exceeded')) return 'Make the template do less work: loop over fewer items.';
  return 'Liquid syntax is described at https://liquidjs.com/tutorials/intro-to-liquid.html.';
}

function templateError(source: TemplateSource, error: unknown): TemplateError {
  const { text, where } = position(error instanceof Error ? error.message : String(error));
  return new TemplateError(`Invalid template in ${source.origin}${where}: ${text}. ${hintFor(text)}`, { cause: error });
}

/** A misspelt top-level name would render as nothing and go unnoticed, so it fails like a syntax error. */
function checkNames(liquid: Liquid, templates: Template[], source: TemplateSource, known: readonly string[]): void {
  const { globals } = liquid.analyzeSync(templates, { partials: false });
  for (const [name, uses] of Object.entries(globals)) {
    if (known.includes(name)) continue;
    const location = uses[0]?.location;
    const where = location ? ` (line ${location.row}, column ${location.col})` : '';
    const closest = closestName(name, known);
    const suggestion = closest ? `Did you mean '${closest}'? ` : '';
    throw new TemplateError(
      `Invalid template in ${source.origin}${where}: unknown variable '${name}'. ${suggestion}Known variables: ${known.join(', ')}.`,
    );
  }
}

/** Renders a template over the context; every problem is a TemplateError naming the source, line and a hint. */
export async function renderTemplate(source: TemplateSource, context: object, format: MessageFormat): Promise<string> {
  const liquid = engine(format);
  let templates: Template[];
  try {
    templates = liquid.parse(source.text);
  } catch (error) {
    throw templateError(source, error);
  }
  checkNames(liquid, templates, source, Object.keys(context));
  try {
    return (await liquid.render(templates, context)).trim();
  } catch (error) {
    throw templateError(source, error);
  }
}
