/**
 * "Send file": files picked (or dropped on the page) go to everyone in the call, each over its
 * connection's file channel (file-transfer.ts). Each transfer shows a progress bar and a Cancel
 * button on both sides; a received file that passed its SHA-256 check becomes a "Save …" link,
 * and one that failed or was cancelled is dropped, never offered.
 */
import { MAX_FILE_BYTES, type PeerReport } from '../shared/protocol.js';
import { t } from './i18n/index.js';
import { openFileLink, sha256, type FileLink, type Outcome, type TransferEvents, type TransferInfo } from './file-transfer.js';
import { byId } from './ui.js';

export interface FilesOptions {
  /** This page's name as the others see it (the chat's). */
  name: () => string;
  report: (report: PeerReport) => void;
  showProblem: (text: string) => void;
  /** A file started (true) or stopped (false) moving to or from this peer. */
  moving: (peerId: string, on: boolean) => void;
}

export interface FilesPanel {
  attach(peerId: string, channel: RTCDataChannel): void;
  detach(peerId: string): void;
}

export function createFilesPanel(doc: Document, options: FilesOptions): FilesPanel {
  const button = byId<HTMLButtonElement>(doc, 'send-file');
  const input = byId<HTMLInputElement>(doc, 'file-input');
  const panel = byId<HTMLElement>(doc, 'transfers');
  const list = byId<HTMLUListElement>(doc, 'transfer-list');
  const links = new Map<string, FileLink>();

  /** One row: what, a progress bar, Cancel; returns how to update it. */
  const addRow = (label: string, size: number, cancel: () => void) => {
    const item = doc.createElement('li');
    const text = doc.createElement('span');
    text.textContent = label;
    const bar = doc.createElement('progress');
    bar.max = Math.max(size, 1);
    bar.value = 0;
    bar.setAttribute('aria-label', label);
    const stop = doc.createElement('button');
    stop.type = 'button';
    stop.textContent = t.files.cancel;
    stop.onclick = cancel;
    item.append(text, bar, stop);
    list.append(item);
    panel.hidden = false;
    return {
      progress: (done: number) => (bar.value = done),
      end: (outcome: string) => {
        bar.remove();
        stop.remove();
        const status = doc.createElement('span');
        status.className = 'transfer-outcome';
        status.textContent = outcome;
        item.append(status);
        return item;
      },
    };
  };

  /** One file hashed at a time: each hash reads its whole file into memory. */
  let hashing: Promise<unknown> = Promise.resolve();
  const send = (files: File[]) => {
    for (const file of files) {
      if (file.size > MAX_FILE_BYTES) {
        options.showProblem(t.files.tooLarge(file.name, file.size, MAX_FILE_BYTES));
        continue;
      }
      const open = [...links].filter(([, link]) => link.open());
      if (open.length === 0) {
        options.showProblem(t.files.nobody);
        return;
      }
      // Sending starts now; the hash is computed meanwhile and goes with the end of the file.
      const hash = hashing.then(() => sha256(file));
      hashing = hash.catch(() => undefined);
      for (const [peerId, link] of open) {
        let cancel = () => {};
        const row = addRow(t.files.sending(file.name, file.size), file.size, () => cancel());
        cancel = link.send(file, hash, options.name(), {
          progress: row.progress,
          finished: (outcome) => void row.end(t.files[outcome]),
        });
      }
    }
  };

  button.onclick = () => input.click();
  input.onchange = () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    send(files);
  };
  // Drag and drop anywhere on the call (desktop).
  doc.addEventListener('dragover', (event) => {
    // 'Files' is the drag's data type (HTML drag and drop), not a word shown to anyone.
    if (event.dataTransfer?.types.some((type) => type === 'Files')) event.preventDefault();
  });
  doc.addEventListener('drop', (event) => {
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    send(files);
  });

  const receive = (peerId: string) => ({
    moving: (on: boolean) => options.moving(peerId, on),
    incoming(info: TransferInfo, cancel: () => void): TransferEvents {
      const row = addRow(t.files.receiving(info.name, info.size, info.from), info.size, cancel);
      return {
        progress: row.progress,
        saved: (blob) => {
          const item = row.end('');
          const save = doc.createElement('a');
          save.href = URL.createObjectURL(blob);
          save.download = info.name;
          save.textContent = t.files.save(info.name, info.size);
          item.append(save);
        },
        finished: (outcome: Outcome, ms: number) => {
          if (outcome !== 'verified') row.end(t.files[outcome]);
          options.report({ kind: 'file', about: peerId, bytes: info.size, ms: Math.round(ms), outcome, name: info.name });
        },
      };
    },
  });

  return {
    attach(peerId, channel) {
      links.get(peerId)?.close();
      links.set(peerId, openFileLink(channel, receive(peerId)));
    },
    detach(peerId) {
      links.get(peerId)?.close();
      links.delete(peerId);
    },
  };
}
