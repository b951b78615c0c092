import { describe, expect, it } from 'vitest';
import { formatFileSize } from '../../src/terminal/units.js';
import { formatters } from '../../src/web/i18n/format.js';

describe('sizes in the terminal', () => {
  it('names a file\'s size as the English call page does, so both show the same number', () => {
    const page = formatters('en');
    for (const bytes of [1_500, 9_960, 999_999, 2 * 1024 * 1024, 3_000_000, 50 * 1024 * 1024, 250_000_000, 1_200_000_000]) {
      expect(formatFileSize(bytes), `${bytes} bytes`).toBe(page.size(bytes));
    }
    expect(formatFileSize(512)).toBe('512 B');
    expect(formatFileSize(999_999)).toBe('1 MB');
  });
});
