/**
 * Opening a URL in the system browser: the platform's opener, spawned detached with no shell and the
 * URL as one argument, so nothing in the URL (`&`, `;`, quotes) is ever interpreted. On Windows,
 * `start` is a cmd.exe built-in that would re-parse the `&`s of the URL; `rundll32 url.dll` opens it
 * without a shell.
 */
import { spawn } from 'node:child_process';
import { AkvaultError } from '../core/errors';

export function browserCommand(url: string, platform: NodeJS.Platform = process.platform): { file: string; args: string[] } {
  switch (platform) {
    case 'darwin':
      return { file: 'open', args: [url] };
    case 'win32':
      return { file: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', url] };
    default:
      return { file: 'xdg-open', args: [url] };
  }
}

export function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { file, args } = browserCommand(url);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { detached: true, stdio: 'ignore', shell: false, env });
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new AkvaultError('internal', `Could not start ${file} to open the browser (${e.code ?? 'error'}).`, {
          params: { program: file },
          hint: 'Use --print to get the sign-in URL and open it yourself.',
        }),
      ),
    );
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
