/**
 * The QR code printed under the URLs: the invite (Network) URL, for a phone's camera.
 */
import qrcode from 'qrcode-terminal';

/** Half-block characters: two QR rows per terminal line, so it fits a laptop's terminal. */
export function formatInviteQr(url: string): string[] {
  let text = '';
  qrcode.generate(url, { small: true }, (qr) => {
    text = qr;
  });
  return text.split('\n').map((line) => `  ${line}`);
}
