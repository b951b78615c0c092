import { describe, expect, it } from 'vitest';
import { runToEnd } from '../helpers/cli.js';
import { OFFLINE_ENV, REPO } from '../helpers/packed-package.js';
import { readReadme } from '../helpers/readme.js';

describe('README', { timeout: 120_000 }, () => {
  it('has the command reference oclif generates from the commands as they are now', async () => {
    // The same script a developer runs, without writing: oclif prints the README it would write.
    const generated = await runToEnd('npm', ['run', '--silent', 'readme', '--', '--dry-run'], { cwd: REPO, env: OFFLINE_ENV });
    expect(generated.code, generated.stderr).toBe(0);
    // Whole lines only: oclif also logs "replacing <!-- commands --> in README.md" first.
    const commands = (readme: string) => /^<!-- commands -->$[\s\S]*^<!-- commandsstop -->$/m.exec(readme)?.[0];
    expect(commands(generated.stdout)).toContain('## `webrtc-call start`');
    expect(commands(await readReadme()), 'README.md\'s Commands section is out of date: run "npm run readme"').toBe(
      commands(generated.stdout),
    );
  });
});
