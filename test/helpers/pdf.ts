/**
 * Writes a minimal one-page PDF 1.4 by hand, for loader tests that must not download fixtures.
 * Only ASCII text: the built-in Helvetica has no Chinese glyphs, and Chinese would need a CID font
 * with a ToUnicode map, far beyond a test helper.
 */

function escapePdfString(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}

/** A valid single-page PDF showing each line of ASCII text on its own line, in Helvetica 12pt. */
export function minimalPdf(lines: string[]): Buffer {
  for (const line of lines) {
    if (!/^[\x20-\x7e]*$/.test(line)) throw new Error(`minimalPdf takes printable ASCII only: ${line}`);
  }
  const content = [
    'BT',
    '/F1 12 Tf',
    '14 TL', // leading, so T* moves to the next line and pdf.js sees a line break
    '72 720 Td',
    ...lines.map((line, i) => `${i === 0 ? '' : 'T* '}(${escapePdfString(line)}) Tj`),
    'ET',
  ].join('\n');

  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];

  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(out, 'latin1');
  // Each xref entry must be exactly 20 bytes, hence the two-character "space newline" ending.
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
