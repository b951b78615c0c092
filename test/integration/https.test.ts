import { request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSocket } from '../helpers/peer-client.js';
import { connectPeer } from '../helpers/peer-client.js';
import { decodeSvgQr } from '../helpers/qr.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

function get(url: string, options: { ca?: string; host?: string } = {}): Promise<Reply> {
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { ca: options.ca, headers: options.host ? { host: options.host } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('one port speaking http and https', () => {
  let server: TestServer;
  let dir: string;
  let ca: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'webrtc-call-https-'));
    server = await startTestServer({
      host: undefined,
      room: 'standup',
      tls: { dir },
      hostname: 'laptop',
      // a laptop on Wi-Fi; the test itself only ever connects to loopback
      interfaces: { wlan0: [{ address: '192.168.1.20', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: null }] },
    });
    ca = server.tls?.credentials.cert ?? '';
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints http for this computer and https for the LAN, with a certificate naming both', () => {
    expect(server.urls.local).toEqual([`http://localhost:${server.port}/r/standup`]);
    expect(server.urls.invite).toBe(`https://192.168.1.20:${server.port}/r/standup`);
    expect(server.tls?.info.names).toEqual(expect.arrayContaining(['localhost', '192.168.1.20', 'laptop']));
  });

  it('serves the page over both, and the https side passes certificate verification for localhost', async () => {
    expect((await get(`http://127.0.0.1:${server.port}/r/standup`)).status).toBe(200);
    const secure = await get(`https://localhost:${server.port}/r/standup`, { ca });
    expect(secure.status).toBe(200);
    expect(secure.body).toContain('<video id="local"');
  });

  it('sends a phone that opened the plain http LAN address to https, and leaves localhost alone', async () => {
    const phone = await get(`http://127.0.0.1:${server.port}/r/standup`, { host: `192.168.1.20:${server.port}` });
    expect(phone.status).toBe(308);
    expect(phone.headers.location).toBe(`https://192.168.1.20:${server.port}/r/standup`);
    expect((await get(`http://127.0.0.1:${server.port}/r/standup`, { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('puts a peer on http and a peer on https in the same call', async () => {
    const laptop = await connectPeer(server.origin);
    sockets.push(laptop.socket);
    expect(await laptop.join('standup')).toMatchObject({ ok: true, peers: [] });
    const phone = await connectPeer(`https://localhost:${server.port}`, { ca });
    sockets.push(phone.socket);
    const reply = await phone.join('standup');
    expect(reply.ok && reply.peers.length).toBe(1);
    const joined = await laptop.next('peer-joined');
    expect(reply.ok && joined.peerId).toBe(reply.ok && reply.peerId);
  });

  it('gives the page its invite link and a QR code that scans as that link', async () => {
    const invite = await get(`http://127.0.0.1:${server.port}/r/standup/invite`);
    expect(JSON.parse(invite.body)).toEqual({ url: `https://192.168.1.20:${server.port}/r/standup` });
    const qr = await get(`http://127.0.0.1:${server.port}/r/standup/invite.svg`);
    expect(qr.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(decodeSvgQr(qr.body)).toBe(`https://192.168.1.20:${server.port}/r/standup`);
    expect((await get(`http://127.0.0.1:${server.port}/r/not%20a%20room/invite`)).status).toBe(404);
  });
});

describe('a server bound to loopback only', () => {
  it('has no invite, and the page is told so', async () => {
    const server = await startTestServer();
    try {
      expect(server.urls.invite).toBeUndefined();
      expect(JSON.parse((await get(`${server.url}/invite`)).body)).toEqual({ url: null });
      expect((await get(`${server.url}/invite.svg`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('makes no certificate: it has no Network URL to serve over https', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'webrtc-call-loopback-'));
    const server = await startTestServer({ host: '127.0.0.1', tls: { dir } });
    try {
      expect(server.tls).toBeUndefined();
      expect(server.urls.network).toEqual([]);
      expect(await readdir(dir)).toEqual([]);
      expect((await get(`${server.origin}/r/${server.room}`)).status).toBe(200);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
