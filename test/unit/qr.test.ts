import { describe, expect, it } from 'vitest';
import { renderInviteQr } from '../../src/server/invite.js';
import { formatInviteQr } from '../../src/terminal/qr.js';
import { decodeSvgQr, decodeTerminalQr } from '../helpers/qr.js';

const invite = 'https://192.168.1.20:3000/r/Zm9vYmFyYmF6cXV4cXV1eA';

describe('QR codes of the invite', () => {
  it('the terminal QR code scans as the invite URL', () => {
    expect(decodeTerminalQr(formatInviteQr(invite).join('\n'))).toBe(invite);
  });

  it('the page QR code (SVG) scans as the invite URL', () => {
    const svg = renderInviteQr(invite);
    expect(svg).toMatch(/^<svg /);
    expect(decodeSvgQr(svg)).toBe(invite);
  });
});
