/**
 * Single-key commands on a TTY: o opens the browser again, c prints the invite link, q quits
 * (Ctrl+C too, since raw mode turns it into a key instead of SIGINT). Without a TTY nothing is
 * read and raw mode is never touched, so piping and CI behave like any other command.
 */
import { emitKeypressEvents } from 'node:readline';

export const KEY_HINT = 'o open the browser again · c print the invite link · q quit';

export interface KeyActions {
  open(): void;
  invite(): void;
  quit(): void;
}

interface Key {
  name?: string;
  ctrl?: boolean;
}

/** Starts listening; returns the function that gives the terminal back as it was. */
export function listenForKeys(input: NodeJS.ReadStream, actions: KeyActions): () => void {
  if (!input.isTTY) return () => {};
  emitKeypressEvents(input);
  input.setRawMode(true);
  input.resume();
  const onKey = (_text: string | undefined, key: Key | undefined) => {
    if (!key) return;
    if (key.name === 'q' || (key.ctrl && (key.name === 'c' || key.name === 'd'))) actions.quit();
    else if (key.name === 'o') actions.open();
    else if (key.name === 'c') actions.invite();
  };
  input.on('keypress', onKey);
  return () => {
    input.off('keypress', onKey);
    input.setRawMode(false);
    input.pause();
  };
}
