/** Scenario 5: what the page costs to download, raw and gzip-compressed. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const WEB = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export interface Weight {
  rawBytes: number;
  gzipBytes: number;
}

export interface PageWeight {
  js: Weight;
  css: Weight;
  html: Weight;
}

function weigh(file: string): Weight {
  const bytes = readFileSync(`${WEB}${file}`);
  return { rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

export function measurePageWeight(): PageWeight {
  return { js: weigh('assets/main.js'), css: weigh('assets/style.css'), html: weigh('index.html') };
}
