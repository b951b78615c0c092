/**
 * Firefox inside a network namespace, for puppeteer outside it. puppeteer can reach Firefox's
 * WebDriver BiDi only over a WebSocket on 127.0.0.1 (it refuses a pipe for Firefox), and the
 * namespace's 127.0.0.1 is not the test's. So this process, which puppeteer starts as the
 * "browser": runs Firefox with `ip netns exec`, listens on the test's 127.0.0.1, carries each
 * connection into the namespace through the stdio of a small `ip netns exec node` relay (stdio
 * pipes are the one channel that crosses namespaces), and passes Firefox's "listening" line on
 * once it listens too. It listens on Firefox's port number: Firefox refuses a WebSocket whose
 * Host header names another port (its guard against DNS rebinding). puppeteer kills the whole
 * process group on close, relays and Firefox included.
 *
 * Usage: node --import tsx firefox-in-namespace-main.ts NAMESPACE FIREFOX [ARGS...]
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

const [namespace, firefox, ...args] = process.argv.slice(2);
if (!namespace || !firefox) throw new Error('usage: firefox-in-namespace-main.ts NAMESPACE FIREFOX [ARGS...]');

// Runs inside the namespace: one TCP connection to Firefox, its bytes on stdin/stdout.
const RELAY = `const s = require('node:net').connect(Number(process.argv[1]), '127.0.0.1');
process.stdin.pipe(s); s.pipe(process.stdout); s.on('error', () => process.exit(1)); s.on('close', () => process.exit(0));`;
const LISTENING = /^WebDriver BiDi listening on ws:\/\/127\.0\.0\.1:(\d+)$/;

const browser = spawn('ip', ['netns', 'exec', namespace, firefox, ...args], { stdio: ['ignore', 'inherit', 'pipe'] });
browser.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

createInterface({ input: browser.stderr }).on('line', (line) => {
  const port = LISTENING.exec(line)?.[1];
  if (!port) {
    process.stderr.write(`${line}\n`);
    return;
  }
  const server = createServer((socket) => {
    const relay = spawn('ip', ['netns', 'exec', namespace, process.execPath, '-e', RELAY, port], { stdio: ['pipe', 'pipe', 'inherit'] });
    socket.pipe(relay.stdin);
    relay.stdout.pipe(socket);
    socket.on('error', () => relay.kill());
    socket.on('close', () => relay.kill());
    relay.on('exit', () => socket.destroy());
  });
  server.on('error', (error) => {
    process.stderr.write(`cannot listen on 127.0.0.1:${port} to reach Firefox in namespace ${namespace}: ${error.message}\n`);
    process.exit(1);
  });
  server.listen(Number(port), '127.0.0.1', () => process.stderr.write(`${line}\n`));
});
