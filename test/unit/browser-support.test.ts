import { describe, expect, it } from 'vitest';
import { explainMediaError } from '../../src/web/media.js';
import { browserFamily } from '../../src/web/browser-family.js';
import { en } from '../../src/web/i18n/en.js';
import { missingForCall } from '../../src/web/requirements.js';

const UA = {
  chromeLinux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  chromeIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  ipadDesktopSite: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  // A scanner app's own browser: a WKWebView has no "Safari/" token.
  inAppIos: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  webkitGtk: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15',
};

describe('what a call needs from the browser', () => {
  const full = { isSecureContext: true, navigator: { mediaDevices: { getUserMedia: () => undefined } }, RTCPeerConnection: class {} };

  it('a browser with everything can call', () => {
    expect(missingForCall(full)).toEqual([]);
  });

  it('WebKit without WebRTC lacks RTCPeerConnection', () => {
    expect(missingForCall({ ...full, RTCPeerConnection: undefined })).toEqual(['RTCPeerConnection']);
  });

  it('a plain-http page names the insecure context first (the browser hid mediaDevices because of it)', () => {
    expect(missingForCall({ ...full, isSecureContext: false, navigator: {} })).toEqual(['secure-context', 'getUserMedia']);
  });

  it('an in-app browser without camera access lacks getUserMedia', () => {
    expect(missingForCall({ ...full, navigator: { mediaDevices: {} } })).toEqual(['getUserMedia']);
  });
});

describe('the sentence a browser that cannot call shows', () => {
  it('names what is missing and where to open the link', () => {
    expect(en.cannotCall.headline(['RTCPeerConnection'])).toBe(
      "This browser can't make calls: it has no WebRTC (RTCPeerConnection). Open the link in Safari, Chrome or Firefox.",
    );
  });

  it('on plain http, says to open the https link', () => {
    expect(en.cannotCall.headline(['secure-context', 'getUserMedia'])).toMatch(/plain http:\/\/, so the browser gives it no camera.*Open the secure https:\/\/ link instead/);
  });
});

describe('which browser\'s menus to describe', () => {
  it.each([
    [UA.chromeLinux, 'chrome'],
    [UA.chromeIos, 'chrome'],
    [UA.firefox, 'firefox'],
    [UA.safariMac, 'safari'],
    [UA.webkitGtk, 'safari'],
    [UA.safariIphone, 'safari-ios'],
    [UA.ipadDesktopSite, 'safari-ios'],
    [UA.inAppIos, 'safari-ios'],
    ['curl/8.0', 'other'],
  ] as const)('%s → %s', (userAgent, family) => {
    expect(browserFamily(userAgent)).toBe(family);
  });
});

describe('a camera or microphone the page cannot use', () => {
  const error = (name: string) => new DOMException('x', name);

  it('blocked: says how to allow it in that browser', () => {
    expect(explainMediaError(error('NotAllowedError'), UA.chromeLinux)).toMatch(/blocked\. .*left of the address bar.*Allow, then reload/);
    expect(explainMediaError(error('NotAllowedError'), UA.firefox)).toMatch(/crossed-out camera icon.*"Blocked" permissions/);
    expect(explainMediaError(error('NotAllowedError'), UA.safariIphone)).toMatch(/tap "aA".*Website Settings/);
    expect(explainMediaError(error('NotAllowedError'), UA.safariMac)).toMatch(/Safari → Settings for This Website/);
  });

  it('no device, or a busy one, is said as such', () => {
    expect(explainMediaError(error('NotFoundError'), UA.firefox)).toMatch(/No camera or microphone was found/);
    expect(explainMediaError(error('NotReadableError'), UA.firefox)).toMatch(/in use by another app/);
  });

  it('anything else names the error', () => {
    expect(explainMediaError(error('TypeError'), UA.firefox)).toBe('The camera could not start (TypeError).');
  });
});
