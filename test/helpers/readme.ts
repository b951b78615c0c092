import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO } from './packed-package.js';

export function readReadme(): Promise<string> {
  return readFile(join(REPO, 'README.md'), 'utf8');
}

/** The code block right after `<!-- name ... -->` in the README: tests run what readers copy. */
export function readmeCodeBlock(name: string): Promise<string> {
  return markdownCodeBlock('README.md', name);
}

/** The code block right after `<!-- name ... -->` in a markdown file of the repository. */
export async function markdownCodeBlock(file: string, name: string): Promise<string> {
  const markdown = await readFile(join(REPO, file), 'utf8');
  const match = new RegExp(`<!-- ${name}\\b[^>]*-->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(markdown);
  if (match?.[1] === undefined) throw new Error(`${file} has no code block marked <!-- ${name} -->`);
  return match[1];
}
