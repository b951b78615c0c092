/**
 * Why `start` could not start, as one line a person can act on. Known failures get a specific
 * sentence; anything else still becomes one line (the stack is for --debug).
 */

interface SystemError extends Error {
  code?: string;
  syscall?: string;
  path?: string;
  port?: number;
}

export function explainStartupError(error: unknown): string {
  if (!(error instanceof Error)) return `could not start: ${String(error)}`;
  const { code, syscall, path, port } = error as SystemError;
  if (syscall === 'listen' && code === 'EACCES') {
    return `not allowed to listen on port ${port ?? '?'}; choose a port above 1023 with --port`;
  }
  if (syscall === 'listen' && code === 'EADDRNOTAVAIL') {
    return 'the --host address is not one of this machine\'s addresses; leave --host out to listen on all of them';
  }
  if (path !== undefined && (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EPERM')) {
    const why = { ENOENT: 'it does not exist', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a folder' }[code];
    return `cannot read ${path}: ${why}; check the file path (and its permissions)`;
  }
  // node's TLS layer reports unusable PEM data as OpenSSL errors (ERR_OSSL_*, "PEM routines").
  if ((code?.startsWith('ERR_OSSL') ?? false) || /PEM|certificate|private key/i.test(error.message)) {
    return `the certificate or key is not usable (${firstLine(error.message)}); pass a PEM certificate and its matching key, or leave --cert/--key out`;
  }
  return firstLine(error.message);
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() || 'unknown error';
}
