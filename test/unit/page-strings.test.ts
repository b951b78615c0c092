import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPageStringsInHtml, findPageStringsInScript, type Finding } from '../helpers/page-strings.js';

const WEB = join(import.meta.dirname, '../../src/web');
/** The catalogues: the only place the page's words are written. */
const CATALOGUES = new Set(['i18n/en.ts', 'i18n/pt-BR.ts', 'i18n/es.ts']);

const show = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line} ${f.why}: ${JSON.stringify(f.text)}`).join('\n');

describe('every word on the call page comes from a catalogue', () => {
  it('no script in src/web writes words of its own', async () => {
    const files = (await readdir(WEB, { recursive: true })).filter((name) => name.endsWith('.ts') && !CATALOGUES.has(name));
    expect(files).toContain('main.ts');
    const findings: Finding[] = [];
    for (const name of files) findings.push(...findPageStringsInScript(`src/web/${name}`, await readFile(join(WEB, name), 'utf8')));
    expect(findings, show(findings)).toEqual([]);
  });

  it('index.html carries no text and no text attributes', async () => {
    const findings = findPageStringsInHtml('src/web/index.html', await readFile(join(WEB, 'index.html'), 'utf8'));
    expect(findings, show(findings)).toEqual([]);
  });

  it('catches the ways a sentence can bypass the catalogue', () => {
    const findings = findPageStringsInScript('bad.ts', [
      "status.textContent = 'mute';",
      "button.title = ok ? 'Hang up' : t.controls.hangUp;",
      "video.setAttribute('aria-label', 'remote');",
      "panel.append('or open');",
      "view.setState('connecting', 'Connecting…');",
      "leave('ended', 'You left the call.');",
      "showProblem(`Could not switch the camera (${detail}).`);",
      "const problem = { text: 'This browser cannot use a camera' };",
      "toggle(mic, 'audio', 'Mute', 'Unmute');",
      'label.innerText = `${count} people`;',
      // Only link-type keywords are exempt in rel, and only in rel.
      "link.rel = 'Opens in a new tab';",
      "link.title = 'noopener noreferrer';",
    ].join('\n'));
    expect(findings.map((f) => f.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 10, 11, 12]);
    expect(findings[0]?.why).toBe('written to textContent');
  });

  it('leaves data and developer messages alone', () => {
    const findings = findPageStringsInScript('good.ts', [
      "import { io } from 'socket.io-client';",
      "if (reason !== 'io client disconnect') go();",
      "switch (name) { case 'NotAllowedError': break; }",
      "throw new Error('page is missing the PIN form');",
      'console.warn(`ignored a malformed "${what}" message`);',
      "matchMedia('(pointer: coarse)');",
      "socket.on('peer-joined', handle);",
      "status.textContent = t.status.waiting;",
      "video.setAttribute('aria-label', t.page.remoteCamera);",
      "type State = 'In the call';",
      "const forms = { 'Hello there': 1 };",
      "link.rel = 'noopener noreferrer';",
      "link.setAttribute('rel', 'noopener noreferrer');",
    ].join('\n'));
    expect(findings, show(findings)).toEqual([]);
  });

  it('finds text, labels and titles written into HTML', () => {
    const findings = findPageStringsInHtml('bad.html', [
      '<title>webrtc-call</title>',
      '<!-- a comment is fine -->',
      '<section id="remotes" aria-label="People"></section>',
      '<button id="mic">Mute</button>',
      '<img alt="QR code" />',
      '<script>const ok = "scripts are checked as scripts";</script>',
    ].join('\n'));
    expect(findings.map((f) => [f.line, f.text])).toEqual([
      [1, 'webrtc-call'],
      [4, 'Mute'],
      [3, 'People'],
      [5, 'QR code'],
    ]);
  });
});
