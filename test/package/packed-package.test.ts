/**
 * The package as a user gets it: packed, installed into an empty project offline, run with npx.
 */
import { builtinModules } from 'node:module';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, runToEnd, START_ON_LOOPBACK, type RunningCli } from '../helpers/cli.js';
import {
  importedPackages,
  installInEmptyProject,
  listFiles,
  OFFLINE_ENV,
  packagesWithInstallScripts,
  packCheckout,
  readPackageJson,
} from '../helpers/packed-package.js';
import { connectPeer, type TestPeer } from '../helpers/peer-client.js';
import { readmeCodeBlock, readReadme } from '../helpers/readme.js';
import { typeErrorsForUser } from '../helpers/typecheck.js';

/** What a published webrtc-call may contain; anything else (sources, tests, maps, keys) is a leak. */
const SHIPPED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^oclif\.manifest\.json$/,
  /^bin\/run\.js$/,
  /^dist\/(?!web\/)[\w/-]+\.(js|d\.ts)$/,
  /^dist\/web\/index\.html$/,
  /^dist\/web\/assets\/[\w-]+\.(js|css)$/,
  /^dist\/(chunks|web)\/THIRD-PARTY-LICENSES\.txt$/,
];
/**
 * The CLI carries @oclif/core bundled (scripts/build-cli.mjs) instead of depending on it, so an
 * install has 32 packages fewer in node_modules; the licenses of what is bundled (CLI and page)
 * ship with it. The limit leaves room for the commands and page features we add, and catches a
 * bundle, source map or dependency copied in by mistake (each would add hundreds of KB).
 */
const MAX_UNPACKED_BYTES = 950 * 1024;
/** npx starts npm before the CLI: slow on a busy 2-core machine. */
const STARTUP_MS = 60_000;

// Every step starts npm, node or tsc: generous limits for a busy 2-core machine.
describe('the packed package on a clean machine', { timeout: 180_000 }, () => {
  let workDir: string;
  let project: string;
  let unpacked: Array<{ path: string; bytes: number }>;
  const running: RunningCli[] = [];
  const peers: TestPeer[] = [];

  const npx = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const command = runCommand('npx', args, { cwd: project, env: { ...OFFLINE_ENV, ...env }, job: true });
    running.push(command);
    return command;
  };
  const writeApiExample = async () => {
    const example = join(project, 'call.mjs');
    await writeFile(example, await readmeCodeBlock('api-example'));
    return example;
  };
  const peer = async (origin: string) => {
    const p = await connectPeer(origin);
    peers.push(p);
    return p;
  };

  beforeAll(async () => {
    const startedAt = Date.now();
    workDir = await mkdtemp(join(tmpdir(), 'webrtc-call-package-'));
    const tarball = await packCheckout(workDir);
    const tarballDir = join(workDir, 'unpacked');
    await mkdir(tarballDir);
    const extracted = await runToEnd('tar', ['-xzf', tarball, '-C', tarballDir], { cwd: workDir });
    if (extracted.code !== 0) throw new Error(`tar -xzf failed: ${extracted.stderr}`);
    unpacked = await listFiles(join(tarballDir, 'package'));
    project = await installInEmptyProject(workDir, tarball);
    const bytes = unpacked.reduce((sum, file) => sum + file.bytes, 0);
    console.info(`packed and installed in ${Date.now() - startedAt} ms: ${unpacked.length} files, ${bytes} B unpacked`);
  }, 600_000);

  afterAll(async () => {
    for (const p of peers.splice(0)) p.close();
    await Promise.all(running.splice(0).map((command) => command.stop('SIGKILL')));
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('ships only what runs: compiled code, the built page, the manifest, README and LICENSE', () => {
    const paths = unpacked.map((file) => file.path);
    expect(paths.filter((path) => !SHIPPED.some((allowed) => allowed.test(path)))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'bin/run.js',
        'oclif.manifest.json',
        'dist/commands/start.js',
        'dist/server/index.js',
        'dist/server/index.d.ts',
        'dist/web/index.html',
        'dist/web/assets/main.js',
        'LICENSE',
        'README.md',
        'dist/chunks/THIRD-PARTY-LICENSES.txt',
        'dist/web/THIRD-PARTY-LICENSES.txt',
      ]),
    );
    expect(unpacked.reduce((sum, file) => sum + file.bytes, 0)).toBeLessThan(MAX_UNPACKED_BYTES);
  });

  it('needs no dev dependency at run time and runs no install script', async () => {
    const { dependencies } = await readPackageJson();
    const code = unpacked.filter((file) => /^(bin\/|dist\/(?!web\/)).*\.js$/.test(file.path));
    const imported = new Set<string>();
    for (const file of code) {
      for (const name of importedPackages(await readFile(join(project, 'node_modules/webrtc-call', file.path), 'utf8'))) {
        imported.add(name);
      }
    }
    const undeclared = [...imported].filter((name) => !(name in dependencies) && !builtinModules.includes(name));
    expect(undeclared).toEqual([]);
    expect(imported).toContain('express');
    // oclif is bundled at build time (dist/chunks), not imported from node_modules.
    expect([...imported].filter((name) => name.startsWith('@oclif/'))).toEqual([]);
    expect(Object.keys(dependencies).filter((name) => name.startsWith('@oclif/'))).toEqual([]);
    expect(await packagesWithInstallScripts(project)).toEqual([]);
  });

  // npm runs the bin through its script shell. dash (Debian's sh) waits for it, so only the
  // CLI gets the Ctrl+C, then ends itself by the same signal; bash execs the CLI, and npm
  // forwards the Ctrl+C to it a second time, which must not cut the clean stop short.
  it.each([
    { shell: 'the default shell', env: {}, endings: [0, 'SIGINT'] },
    { shell: 'bash', env: { npm_config_script_shell: '/bin/bash' }, endings: [0] },
  ])('serves a call with `npx webrtc-call start` and stops on Ctrl+C ($shell)', async ({ env, endings }) => {
    expect(await readReadme(), 'the README shows the commands this test runs').toContain('npm install webrtc-call && npx webrtc-call start');
    const cli = npx(['webrtc-call', ...START_ON_LOOPBACK], env);
    const [, url] = await cli.waitForOutput(/Local:\s+(http:\/\/\S+)/, STARTUP_MS);
    if (url === undefined) throw new Error('no URL printed');
    // --host 127.0.0.1 prints "localhost"; ask the address it is bound to.
    const pageUrl = new URL(url);
    pageUrl.hostname = '127.0.0.1';

    const page = await fetch(pageUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script[^>]+assets\/main\.js/);
    const script = await fetch(new URL('/assets/main.js', pageUrl));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const handshake = await fetch(new URL('/socket.io/?EIO=4&transport=polling', pageUrl));
    expect(handshake.status).toBe(200);
    expect(await handshake.text()).toMatch(/^0\{"sid":/);

    const room = pageUrl.pathname.split('/').at(-1) ?? '';
    const joined = await (await peer(pageUrl.origin)).join(room);
    expect(joined.ok).toBe(true);
    if (joined.ok) await cli.waitForOutput(new RegExp(`\\sjoin\\s+.*peer ${joined.peerId}`));

    const ending = await cli.stop('SIGINT');
    expect(cli.stdout()).toContain('Stopping: ending the call for everyone');
    // The CLI's own exit code, or where dash sits in between, the shell's "ended by Ctrl+C".
    expect(endings).toContain(ending);
  });

  it('answers --version, --help and start --help with examples', async () => {
    const { version } = await readPackageJson();
    // The installed bin itself: npx only adds npm's start-up here.
    const cli = (args: string[]) => runToEnd(join(project, 'node_modules/.bin/webrtc-call'), args, { cwd: project, env: OFFLINE_ENV });

    const versionRun = await cli(['--version']);
    expect(versionRun.stdout).toContain(`webrtc-call/${version}`);
    const rootHelp = await cli(['--help']);
    expect(rootHelp.code).toBe(0);
    expect(rootHelp.stdout).toMatch(/EXAMPLES[\s\S]*\$ webrtc-call start/);
    expect(rootHelp.stdout).toMatch(/COMMANDS[\s\S]*start\s+Start a video call/);
    const startHelp = await cli(['start', '--help']);
    expect(startHelp.code).toBe(0);
    expect(startHelp.stdout).toMatch(/--port[\s\S]*EXAMPLES[\s\S]*\$ webrtc-call start --port 8080 --room standup/);
  });

  it('types the README\'s API example as a strict TypeScript user sees it', async () => {
    expect(typeErrorsForUser(await writeApiExample(), 'webrtc-call')).toBe('');
  });

  it('runs the README\'s API example as it is', async () => {
    const example = await writeApiExample();
    const embedded = runCommand('node', [example], { cwd: project, env: OFFLINE_ENV, job: true });
    running.push(embedded);
    const [, url] = await embedded.waitForOutput(/Join the call at (http:\/\/\S+)/, STARTUP_MS);
    if (url === undefined) throw new Error('no URL printed');
    const pageUrl = new URL(url);
    pageUrl.hostname = '127.0.0.1';
    expect((await fetch(pageUrl)).status).toBe(200);

    const [a, b] = [await peer(pageUrl.origin), await peer(pageUrl.origin)];
    const joinedA = await a.join('standup');
    const joinedB = await b.join('standup');
    if (!joinedA.ok || !joinedB.ok) throw new Error('join failed');
    await embedded.waitForOutput(new RegExp(`${joinedB.peerId} joined standup`));
    b.socket.emit('signal', { to: joinedA.peerId, signal: { kind: 'description', description: { type: 'offer', sdp: 'v=0\r\n' } } });
    await embedded.waitForOutput(new RegExp(`offer from ${joinedB.peerId} to ${joinedA.peerId}`));

    expect(await embedded.stop('SIGINT')).toBe(0);
  });

  it('says in one line what to do when the built page is missing, and exits 1', async () => {
    const web = join(project, 'node_modules/webrtc-call/dist/web');
    await rename(web, `${web}-hidden`);
    try {
      const result = await runToEnd('npx', ['webrtc-call', ...START_ON_LOOPBACK], {
        cwd: project,
        // Some people export NODE_ENV=development; oclif then hunts for TypeScript sources and warns.
        env: { ...OFFLINE_ENV, NODE_ENV: 'development' },
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^webrtc-call: the call page is missing .*reinstall it$/)]);
    } finally {
      await rename(`${web}-hidden`, web);
    }
  });

  it('tells a too-old Node which version it needs instead of crashing', async () => {
    // Pretend to be Node 18 before bin/run.js runs: the check must come before anything else.
    const node18 = "data:text/javascript,Object.defineProperty(process.versions,'node',{value:'18.20.4'})";
    const result = await runToEnd('node', ['--import', node18, 'node_modules/webrtc-call/bin/run.js', 'start', '--no-open'], {
      cwd: project,
      env: OFFLINE_ENV,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'webrtc-call needs Node.js >=20, this is 18.20.4: install Node.js 20 or newer (https://nodejs.org) and run it again.',
    );
  });
});
