import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('the call page over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ room: 'front-door' });
  });
  afterAll(() => server.close());

  it('sends a visitor of / to the room', async () => {
    const response = await fetch(`${server.origin}/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/r/front-door');
  });

  it('serves the page and its script for the room', async () => {
    const page = await fetch(server.url);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<video id="local"');
    const script = await fetch(`${server.origin}/assets/main.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
  });

  it('answers 404 for an asset that does not exist', async () => {
    expect((await fetch(`${server.origin}/assets/nope.js`)).status).toBe(404);
  });
});
