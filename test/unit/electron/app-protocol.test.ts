import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { resolveAppPath, CSP } from '../../../main/electron/app-protocol';

const root = path.resolve('/srv/app/renderer');

describe('app:// protocol', () => {
  it('maps the root and files inside the bundle', () => {
    expect(resolveAppPath(root, 'app://akvault/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://akvault/assets/index-abc.js')).toBe(path.join(root, 'assets/index-abc.js'));
  });

  it.each(['app://akvault/../secrets', 'app://akvault/%2e%2e/%2e%2e/etc/passwd', 'app://akvault/..%2F..%2Fetc%2Fpasswd', 'app://akvault/a/..%5C..%5C..%5Cx'])(
    'never resolves %s outside the bundle',
    (url) => {
      const r = resolveAppPath(root, url);
      expect(r === null || r.startsWith(root + path.sep)).toBe(true);
    },
  );

  it('refuses encoded traversal that only appears after decoding', () => {
    expect(resolveAppPath(root, 'app://akvault/..%2F..%2Fetc%2Fpasswd')).toBeNull();
  });

  it.each(['app://other/index.html', 'https://akvault/index.html'])('refuses another origin: %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('ships a CSP that forbids network access, inline script and framing', () => {
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("connect-src 'none'");
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(CSP).not.toContain('unsafe-inline');
    expect(CSP).not.toContain('unsafe-eval');
  });
});
