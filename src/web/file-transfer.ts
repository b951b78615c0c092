/**
 * Files over a connection's `files` data channel (channels.ts), peer to peer. One file at a
 * time in each direction, so binary chunks need no header: they belong to the file the last
 * `offer` announced.
 *
 *   sender → receiver   {type:'offer', id, name, from, size}  then ArrayBuffer chunks, then {type:'end', id, sha256}
 *   receiver → sender   {type:'result', id, verified}  once the SHA-256 is checked
 *   either way          {type:'cancel', id}
 *
 * Chunks are paced by the channel's buffer (bufferedAmountLowThreshold), so a large file never
 * piles up in memory on the sending side; the receiver checks SHA-256 before offering to save.
 * The hash comes with `end`, not the offer: the sender hashes while it sends (crypto.subtle runs
 * off the page's thread), so the first chunk does not wait for a pass over the whole file.
 * crypto.subtle.digest is one-shot, so the receiver copies each chunk into one buffer of the
 * announced size as it arrives and digests that buffer once: no Blob of 1,600 chunks to build
 * and read back before the check, and the receiver's work per chunk is one copy.
 */
import * as v from 'valibot';
import { MAX_FILE_BYTES, type FileOutcome } from '../shared/protocol.js';
import { parseMessage } from './channels.js';

// 64 KiB: within every browser's SCTP message limit, and few enough messages for full speed.
const CHUNK_BYTES = 64 * 1024;
// Progress bars move at least every this many bytes, not on each chunk.
const PROGRESS_STEP_BYTES = 1024 * 1024;
// Keep a few MB queued so the channel never runs dry, without buffering a whole file.
const HIGH_WATER_BYTES = 8 * 1024 * 1024;
const LOW_WATER_BYTES = 2 * 1024 * 1024;

const FileMessageSchema = v.variant('type', [
  v.object({
    type: v.literal('offer'),
    id: v.pipe(v.string(), v.maxLength(64)),
    name: v.pipe(v.string(), v.maxLength(255)),
    from: v.pipe(v.string(), v.maxLength(64)),
    size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  v.object({ type: v.literal('end'), id: v.pipe(v.string(), v.maxLength(64)), sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)) }),
  v.object({ type: v.literal('cancel'), id: v.pipe(v.string(), v.maxLength(64)) }),
  v.object({ type: v.literal('result'), id: v.pipe(v.string(), v.maxLength(64)), verified: v.boolean() }),
]);
type FileOffer = Extract<v.InferOutput<typeof FileMessageSchema>, { type: 'offer' }>;

export type Outcome = FileOutcome;

export interface TransferInfo {
  id: string;
  name: string;
  size: number;
  /** The sender's name, as it introduces itself. */
  from: string;
}

/** What a transfer tells the panel as it goes. */
export interface TransferEvents {
  progress(done: number): void;
  /** Received and verified: the file to save. */
  saved?(blob: Blob): void;
  finished(outcome: Outcome, ms: number): void;
}

export interface FileLink {
  open(): boolean;
  /** Queue a file for this peer (its SHA-256 may still be computing); returns a function that cancels it. */
  send(file: File, sha256: Promise<string>, from: string, events: TransferEvents): () => void;
  close(): void;
}

export interface IncomingHandler {
  /** A file is coming: returns how to show it, or undefined to refuse it. */
  incoming(info: TransferInfo, cancel: () => void): TransferEvents | undefined;
  /** A file started moving over this link, either way (true), or none moves any more (false). */
  moving?(on: boolean): void;
}

export function hex(digest: ArrayBuffer): string {
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256(data: ArrayBuffer | Blob): Promise<string> {
  const buffer = data instanceof Blob ? await data.arrayBuffer() : data;
  return hex(await crypto.subtle.digest('SHA-256', buffer));
}

export function openFileLink(channel: RTCDataChannel, handler: IncomingHandler): FileLink {
  channel.bufferedAmountLowThreshold = LOW_WATER_BYTES;
  interface Job {
    file: File;
    hash: Promise<string>;
    from: string;
    id: string;
    events: TransferEvents;
    cancelled: boolean;
    /** Settles with the receiver's verdict, or false when cancelled or the channel closes. */
    result?: (verified: boolean | 'cancelled') => void;
  }
  const queue: Job[] = [];
  let sending = false;
  let closed = false;
  /** The file the other side is sending us now. */
  let incoming:
    | { offer: FileOffer; bytes: Uint8Array<ArrayBuffer>; received: number; overflow: boolean; shown: number; started: number; events: TransferEvents }
    | undefined;
  let moving = false;
  /** Tells the handler when this link starts or stops carrying a file, after each change of `sending` or `incoming`. */
  const reportMoving = () => {
    const now = sending || incoming !== undefined;
    if (now === moving) return;
    moving = now;
    handler.moving?.(now);
  };

  const sendJson = (message: v.InferOutput<typeof FileMessageSchema>) => {
    if (channel.readyState === 'open') channel.send(JSON.stringify(message));
  };
  const drained = () =>
    new Promise<void>((resolve) => {
      if (channel.bufferedAmount <= LOW_WATER_BYTES || channel.readyState !== 'open') return resolve();
      const done = () => {
        channel.removeEventListener('bufferedamountlow', done);
        channel.removeEventListener('close', done);
        resolve();
      };
      channel.addEventListener('bufferedamountlow', done);
      channel.addEventListener('close', done);
    });

  const pump = async () => {
    if (sending) return;
    sending = true;
    reportMoving();
    try {
      for (let job = queue[0]; job; job = queue[0]) {
        await sendOne(job);
        queue.shift();
      }
    } finally {
      sending = false;
      reportMoving();
    }
  };
  const sendOne = async (job: Job) => {
    const started = performance.now();
    if (job.cancelled) return job.events.finished('cancelled', 0);
    sendJson({ type: 'offer', id: job.id, name: job.file.name, from: job.from, size: job.file.size });
    let offset = 0;
    while (offset < job.file.size) {
      if (job.cancelled || closed || channel.readyState !== 'open') return job.events.finished('cancelled', performance.now() - started);
      // Read a block at a time: a 500 MB file is never held twice on this side.
      const block = await job.file.slice(offset, offset + 16 * CHUNK_BYTES).arrayBuffer();
      for (let at = 0; at < block.byteLength; at += CHUNK_BYTES) {
        if (channel.bufferedAmount > HIGH_WATER_BYTES) await drained();
        if (job.cancelled || channel.readyState !== 'open') return job.events.finished('cancelled', performance.now() - started);
        // A view, not a copy: send() copies it into the channel's buffer anyway.
        channel.send(new Uint8Array(block, at, Math.min(CHUNK_BYTES, block.byteLength - at)));
      }
      offset += block.byteLength;
      job.events.progress(offset);
    }
    // A file that cannot be read to the end (deleted, revoked) fails rather than hangs.
    const hash = await job.hash.catch(() => undefined);
    if (hash === undefined) {
      sendJson({ type: 'cancel', id: job.id });
      return job.events.finished('failed', performance.now() - started);
    }
    if (job.cancelled || channel.readyState !== 'open') return job.events.finished('cancelled', performance.now() - started);
    const verdict = new Promise<boolean | 'cancelled'>((resolve) => (job.result = resolve));
    sendJson({ type: 'end', id: job.id, sha256: hash });
    const result = await verdict;
    job.events.finished(result === 'cancelled' ? 'cancelled' : result ? 'verified' : 'failed', performance.now() - started);
  };

  const onOffer = (offer: FileOffer) => {
    const started = performance.now();
    const cancel = () => {
      if (incoming?.offer.id !== offer.id) return;
      sendJson({ type: 'cancel', id: offer.id });
      const events = incoming.events;
      incoming = undefined;
      reportMoving();
      events.finished('cancelled', performance.now() - started);
    };
    const events = offer.size > MAX_FILE_BYTES ? undefined : handler.incoming({ id: offer.id, name: offer.name, size: offer.size, from: offer.from }, cancel);
    if (!events) {
      sendJson({ type: 'cancel', id: offer.id });
      return;
    }
    // The whole file is held until it is saved either way; one buffer of the announced size
    // (at most MAX_FILE_BYTES) can be hashed as it is, without copying it again.
    incoming = { offer, bytes: new Uint8Array(offer.size), received: 0, overflow: false, shown: 0, started, events };
    reportMoving();
  };
  const onEnd = async (expected: string) => {
    const current = incoming;
    if (!current) return;
    incoming = undefined;
    reportMoving();
    const complete = !current.overflow && current.received === current.offer.size;
    const ok = complete && (await sha256(current.bytes.buffer)) === expected;
    const ms = performance.now() - current.started;
    sendJson({ type: 'result', id: current.offer.id, verified: ok });
    if (ok) current.events.saved?.(new Blob([current.bytes]));
    current.events.finished(ok ? 'verified' : 'failed', ms);
  };

  channel.addEventListener('message', ({ data }: MessageEvent<unknown>) => {
    if (data instanceof ArrayBuffer) {
      if (!incoming) return; // a cancelled file's chunks still in flight
      // More than the offer announced: the file cannot verify; keep counting, stop storing.
      if (incoming.received + data.byteLength > incoming.offer.size) incoming.overflow = true;
      else incoming.bytes.set(new Uint8Array(data), incoming.received);
      incoming.received += data.byteLength;
      if (incoming.received - incoming.shown >= PROGRESS_STEP_BYTES || incoming.received >= incoming.offer.size) {
        incoming.shown = incoming.received;
        incoming.events.progress(incoming.received);
      }
      return;
    }
    const message = parseMessage(FileMessageSchema, data);
    if (!message) return;
    if (message.type === 'offer') onOffer(message);
    else if (message.type === 'end' && incoming?.offer.id === message.id) void onEnd(message.sha256);
    else if (message.type === 'result') queue.find((j) => j.id === message.id)?.result?.(message.verified);
    else if (message.type === 'cancel') {
      // The receiver cancelled a file we send, or the sender cancelled one we receive.
      const job = queue.find((j) => j.id === message.id);
      if (job) {
        job.cancelled = true;
        job.result?.('cancelled');
      }
      if (incoming?.offer.id === message.id) {
        const { events, started } = incoming;
        incoming = undefined;
        reportMoving();
        events.finished('cancelled', performance.now() - started);
      }
    }
  });
  channel.addEventListener('close', () => {
    closed = true;
    for (const job of queue) {
      job.cancelled = true;
      job.result?.('cancelled');
    }
    if (incoming) {
      const { events, started } = incoming;
      incoming = undefined;
      reportMoving();
      events.finished('cancelled', performance.now() - started);
    }
  });

  return {
    open: () => channel.readyState === 'open',
    send(file, hash, from, events) {
      const job: Job = { file, hash, from, id: crypto.randomUUID(), events, cancelled: false };
      queue.push(job);
      void pump();
      return () => {
        if (job.cancelled) return;
        job.cancelled = true;
        job.result?.('cancelled');
        sendJson({ type: 'cancel', id: job.id });
      };
    },
    close() {
      closed = true;
      for (const job of queue) {
        job.cancelled = true;
        job.result?.('cancelled');
      }
    },
  };
}
