import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPdf } from '../../../src/knowledge/loaders/pdf.js';
import { minimalPdf } from '../../helpers/pdf.js';

// The fixture is ASCII: a hand-written PDF with Chinese text would need an embedded CID font and a
// ToUnicode map. ASCII is enough to prove that unpdf runs on Node 20 and that lines survive.
describe('loadPdf', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('extracts the text of a PDF, one line per text line', async () => {
    const pdf = minimalPdf(['Talent Policy (2024)', 'Article 1 Housing subsidy.', 'Article 2 Start-up grants.']);
    const { body } = await loadPdf(pdf);
    expect(body.split('\n')).toEqual(['Talent Policy (2024)', 'Article 1 Housing subsidy.', 'Article 2 Start-up grants.']);
  });

  it('does not detach the caller\'s buffer (the hash is taken from it too)', async () => {
    const pdf = minimalPdf(['Article 1']);
    const copy = Buffer.from(pdf);
    await loadPdf(pdf);
    expect(pdf.equals(copy)).toBe(true);
  });

  it('throws on a corrupt PDF without printing PDF.js warnings', async () => {
    const warn = vi.spyOn(console, 'warn');
    await expect(loadPdf(Buffer.from('%PDF-1.4\nthis is not a pdf'))).rejects.toThrow();
    expect(warn).not.toHaveBeenCalled();
  });
});
