// The same server as `webrtc-call start`, started by a bare Node script through the built API:
// the start-up scenario's yardstick for what the CLI framework costs. Plain JS on purpose, so
// no TypeScript loader is timed. Usage: node bench/startup/bare-start.mjs
import { startCallServer } from '../../dist/server/index.js';

const server = await startCallServer({ port: 0, host: '127.0.0.1', strictPort: true });
console.log(server.urls.local[0]);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
