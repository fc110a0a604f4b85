import { isAbsolute, relative, resolve } from 'node:path';
import type { TemplateSource } from '../render/template.js';
import { InputError } from './errors.js';

/**
 * Finds the template to render, if any: the `template` input, or the file `template_file` names inside the
 * workspace. The file is read here, at the edge, through the reader the caller passes.
 */
export async function loadTemplate(
  template: string,
  templateFile: string,
  workspace: string,
  readText: (path: string) => Promise<string>,
): Promise<TemplateSource | undefined> {
  if (template && templateFile) {
    throw new InputError("Inputs 'template' and 'template_file' were both given: expected one of them.");
  }
  if (template) return { text: template, origin: "input 'template'" };
  if (!templateFile) return undefined;

  const path = resolve(workspace, templateFile);
  const inside = relative(workspace, path);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new InputError(`Invalid template_file '${templateFile}': expected a path inside the workspace (${workspace}).`);
  }
  try {
    return { text: await readText(path), origin: `template_file '${templateFile}'` };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError(`Invalid template_file '${templateFile}': cannot read ${path} (${reason}).`);
  }
}
