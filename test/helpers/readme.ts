import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO } from './packed-package.js';

export function readReadme(): Promise<string> {
  return readFile(join(REPO, 'README.md'), 'utf8');
}

/** The code block right after `<!-- name ... -->` in the README: tests run what readers copy. */
export async function readmeCodeBlock(name: string): Promise<string> {
  const readme = await readReadme();
  const match = new RegExp(`<!-- ${name}\\b[^>]*-->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (match?.[1] === undefined) throw new Error(`README.md has no code block marked <!-- ${name} -->`);
  return match[1];
}
