import { describe, expect, it } from 'vitest';
import { runToEnd } from '../helpers/cli.js';
import { OFFLINE_ENV, REPO } from '../helpers/packed-package.js';
import { readReadme } from '../helpers/readme.js';
import { blockPattern, normalizeSample, recordSamples, SAMPLE_BLOCKS } from '../../scripts/readme-sample.js';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

describe('README', { timeout: 120_000 }, () => {
  it('has the command reference oclif generates from the commands as they are now, and lists each command with its summary', async () => {
    // The same script a developer runs, without writing: oclif prints the README it would write.
    const generated = await runToEnd('npm', ['run', '--silent', 'readme', '--', '--dry-run'], { cwd: REPO, env: OFFLINE_ENV });
    expect(generated.code, generated.stderr).toBe(0);
    // Whole lines only: oclif also logs "replacing <!-- commands --> in README.md" first.
    const commands = (readme: string) => /^<!-- commands -->$[\s\S]*^<!-- commandsstop -->$/m.exec(readme)?.[0];
    expect(commands(generated.stdout)).toContain('## `webrtc-call start`');
    const reference = await readFile(join(REPO, 'docs/commands.md'), 'utf8');
    expect(commands(reference), 'docs/commands.md is out of date: run "npm run readme"').toBe(commands(generated.stdout));
    // The README lists each command with the summary its --help shows.
    const readme = await readReadme();
    const listed = [...(commands(generated.stdout) ?? '').matchAll(/^## `(webrtc-call (?!help)[^`]*)`\n\n(.+)$/gm)];
    expect(listed.map((m) => m[1])).toEqual(['webrtc-call doctor', 'webrtc-call replay LOG', 'webrtc-call report LOG', 'webrtc-call start']);
    for (const [, usage, summary] of listed) {
      expect(readme, `README.md's Commands table lacks ${usage}: ${summary}`).toContain(`| \`${usage}\` | ${summary} |`);
    }
  });

  it('shows the terminal and JSON samples the current code prints in a real call', async () => {
    const samples = await recordSamples();
    for (const { file, block, from } of SAMPLE_BLOCKS) {
      const shown = blockPattern(block).exec(await readFile(join(REPO, file), 'utf8'))?.[2];
      expect(shown, `${file} has no block marked <!-- ${block} -->`).toBeDefined();
      expect(normalizeSample(shown ?? ''), `${file}'s ${block} is out of date: run "npm run readme:sample"`).toBe(normalizeSample(from(samples)));
    }
  });

  it('stays short (15 KB), repeats no heading, and every file it links to exists', async () => {
    const readme = await readReadme();
    expect(Buffer.byteLength(readme), 'README.md is over 15 KB: move details to docs/').toBeLessThanOrEqual(15 * 1024);
    const links = [...readme.matchAll(/\]\(((?!https?:|#)[^)\s]+)\)/g)].map((match) => match[1] ?? '');
    expect(links).toContain('docs/invite.png');
    const headings = readme.split('\n').filter((line) => /^#{1,6} /.test(line));
    expect(headings.filter((heading, index) => headings.indexOf(heading) !== index), 'repeated headings').toEqual([]);
    for (const link of links) await expect(stat(join(REPO, link)), `README.md links to ${link}`).resolves.toBeTruthy();
  });
});
