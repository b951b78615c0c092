import { describe, expect, it } from 'vitest';
import type { PeerReport } from '../../src/shared/protocol.js';
import { createReportOutbox } from '../../src/web/report-outbox.js';

const state = (about: string, connection: 'connected' | 'disconnected') => ({ kind: 'state' as const, about, connection, ice: connection });

function outboxWithServer() {
  let clock = 0;
  const sent: Array<{ report: PeerReport; read: () => void }> = [];
  const outbox = createReportOutbox((report, read) => sent.push({ report, read }), () => clock);
  return { outbox, sent, advance: (ms: number) => (clock += ms) };
}

describe('the page\'s state reports across a signaling drop', () => {
  it('sends the ones written while away after a resumed join, oldest first, dated by their age', () => {
    const { outbox, sent, advance } = outboxWithServer();
    outbox.sendState(state('b', 'disconnected'), false);
    advance(1_500);
    outbox.sendState(state('b', 'connected'), false);
    expect(sent).toEqual([]);
    advance(500);
    outbox.resend(['b']);
    expect(sent.map((s) => s.report)).toEqual([{ ...state('b', 'disconnected'), ageMs: 2_000 }, { ...state('b', 'connected'), ageMs: 500 }]);
  });

  it('sends one again that the server never acknowledged (it went into a dead socket), and not one it read', () => {
    const { outbox, sent, advance } = outboxWithServer();
    outbox.sendState(state('b', 'connected'), true);
    sent[0]?.read();
    outbox.sendState(state('b', 'disconnected'), true);
    advance(3_000);
    outbox.resend(['b']);
    expect(sent.map((s) => s.report)).toEqual([state('b', 'connected'), state('b', 'disconnected'), { ...state('b', 'disconnected'), ageMs: 3_000 }]);
  });

  it('drops what is about peers no longer in the call, and everything on a fresh join', () => {
    const { outbox, sent } = outboxWithServer();
    outbox.sendState(state('gone', 'disconnected'), false);
    outbox.sendState(state('b', 'disconnected'), false);
    outbox.resend(['b']);
    expect(sent.map((s) => s.report.about)).toEqual(['b']);
    outbox.clear();
    outbox.resend(['b']);
    expect(sent).toHaveLength(1);
  });
});
