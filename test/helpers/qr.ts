/**
 * Reads QR codes the way a phone's camera would (jsQR over pixels), from what webrtc-call
 * prints in the terminal or serves as SVG, so tests check what a QR code actually carries.
 */
import jsQRModule from 'jsqr';

// jsqr is CommonJS with an ES-style default: under NodeNext the function is module.exports itself.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** true = dark module. */
type Modules = boolean[][];

export function decodeModules(modules: Modules, scale = 4): string | undefined {
  const quiet = 4;
  const size = (modules.length + quiet * 2) * scale;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const offset = (((y + quiet) * scale + dy) * size + (x + quiet) * scale + dx) * 4;
          pixels.fill(0, offset, offset + 3);
        }
      }
    }),
  );
  return jsQR(pixels, size, size)?.data;
}

/**
 * qrcode-terminal's small mode draws two module rows per line with half blocks, light
 * modules as ink (made for dark terminals): █ both light, ▀ top light, ▄ bottom light, ' ' both dark.
 */
export function terminalQrModules(lines: string[]): Modules {
  const rows: Modules = [];
  for (const line of lines.map((l) => l.trim()).filter((l) => /^[█▀▄ ]+$/.test(l) && l.length > 10)) {
    const top: boolean[] = [];
    const bottom: boolean[] = [];
    for (const char of line) {
      top.push(!(char === '█' || char === '▀'));
      bottom.push(!(char === '█' || char === '▄'));
    }
    rows.push(top, bottom);
  }
  return rows;
}

/** Decodes the first QR code found in a block of terminal output. */
export function decodeTerminalQr(output: string): string | undefined {
  return decodeModules(terminalQrModules(output.split('\n')));
}

/** uqr's SVG: one square path segment "M{x},{y}h{s}v{s}h-{s}z" per dark module. */
export function decodeSvgQr(svg: string): string | undefined {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  const squares = [...svg.matchAll(/M(\d+),(\d+)h(\d+)/g)];
  const cell = Number(squares[0]?.[3]);
  if (!viewBox || !cell) return undefined;
  const count = Number(viewBox[1]) / cell;
  const modules: Modules = Array.from({ length: count }, () => Array<boolean>(count).fill(false));
  for (const [, x, y] of squares) {
    const row = modules[Number(y) / cell];
    if (row) row[Number(x) / cell] = true;
  }
  return decodeModules(modules);
}
