/**
 * Opening the call in the local browser, only where there is one to open.
 */

export function shouldOpenBrowser(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  if (flag !== undefined) return flag;
  if (env.CI) return false;
  // On Linux without X11/Wayland there is nowhere to show a browser (SSH, containers).
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return false;
  return true;
}

export async function openBrowser(url: string, warn: (message: string) => void): Promise<void> {
  try {
    // Imported here, not at the top: `open` and its helpers (wsl-utils, default-browser, …) are
    // many modules that `start --no-open`, CI and SSH sessions never use, all on the way to the URL.
    const { default: open } = await import('open');
    const child = await open(url);
    child.once('error', () => warn(`could not open a browser; open ${url} yourself`));
  } catch {
    warn(`could not open a browser; open ${url} yourself`);
  }
}
