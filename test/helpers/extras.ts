/**
 * Helpers for the chat, screen and file tests: what a person sees in the chat panel, and the
 * page's data channels read through the standard API (recorded as the page creates them).
 */
import type { Page } from 'playwright-core';

/** Records every RTCDataChannel the page creates, so a test can wait for them to open. */
export const RECORD_DATA_CHANNELS = () => {
  const channels: RTCDataChannel[] = [];
  (window as unknown as { __dataChannels: RTCDataChannel[] }).__dataChannels = channels;
  const create = RTCPeerConnection.prototype.createDataChannel;
  RTCPeerConnection.prototype.createDataChannel = function (this: RTCPeerConnection, ...args: Parameters<RTCPeerConnection['createDataChannel']>) {
    const channel = Reflect.apply(create, this, args) as RTCDataChannel;
    channels.push(channel);
    return channel;
  };
};

export function dataChannelsOpen(page: Page, label: string): Promise<number> {
  return page.evaluate(
    (name) => ((window as unknown as { __dataChannels?: RTCDataChannel[] }).__dataChannels ?? []).filter((c) => c.label === name && c.readyState === 'open').length,
    label,
  );
}

export async function sendChat(page: Page, text: string): Promise<void> {
  const field = page.getByLabel('Message', { exact: true });
  await field.fill(text);
  await field.press('Enter');
}

export function messagesShown(page: Page): Promise<Array<{ from: string; time: string; text: string }>> {
  return page.locator('#chat-messages li').evaluateAll((items) =>
    items.map((item) => ({
      from: item.querySelector('.chat-from')?.textContent ?? '',
      time: item.querySelector('time')?.textContent ?? '',
      text: item.querySelector('.chat-text')?.textContent ?? '',
    })),
  );
}
