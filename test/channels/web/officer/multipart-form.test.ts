import { describe, expect, it } from 'vitest';
import { formBoundary, parseMultipart } from '../../../../src/channels/web/officer/multipart-form.js';

const B = 'XyZ123boundary';

function body(parts: string[], end = `--${B}--\r\n`): Buffer {
  return Buffer.from(parts.map((p) => `--${B}\r\n${p}\r\n`).join('') + end);
}

const filePart = (name = 'file', fileName = '人才政策.md', content = '第一条 内容'): string =>
  `Content-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: text/markdown\r\n\r\n${content}`;

describe('multipart form parser', () => {
  it('reads one file (UTF-8 name, path stripped, bytes kept) and a text field', () => {
    const form = parseMultipart(body([filePart('file', 'C:\\docs\\人才政策.md', '第一条\r\n内容'), 'Content-Disposition: form-data; name="documentId"\r\n\r\nqt25']), B);
    expect(form.file).toEqual({ fileName: '人才政策.md', contentType: 'text/markdown', data: Buffer.from('第一条\r\n内容') });
    expect(form.fields).toEqual({ documentId: 'qt25' });
  });

  it('takes the boundary from the content type, quoted or not, and refuses anything else', () => {
    expect(formBoundary(`multipart/form-data; boundary=${B}`)).toBe(B);
    expect(formBoundary(`multipart/form-data; boundary="${B}"`)).toBe(B);
    expect(() => formBoundary('multipart/form-data')).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => formBoundary('application/json')).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
    expect(() => formBoundary(undefined)).toThrow(expect.objectContaining({ code: 'unsupported_media_type' }));
  });

  it('rejects a truncated body, a body without parts, and malformed parts', () => {
    const whole = body([filePart()]);
    expect(() => parseMultipart(whole.subarray(0, whole.length - 12), B)).toThrow(expect.objectContaining({ code: 'bad_request', message: expect.stringContaining('closing boundary') }));
    expect(() => parseMultipart(Buffer.from('no parts here'), B)).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => parseMultipart(body(['Content-Type: text/plain\r\n\r\nx']), B)).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => parseMultipart(body(['Content-Disposition: form-data; filename="a.md"\r\n\r\nx']), B)).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => parseMultipart(Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="a"`), B)).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });

  it('takes one file, in the field "file", within the limits', () => {
    expect(() => parseMultipart(body([filePart(), filePart()]), B)).toThrow(expect.objectContaining({ message: expect.stringContaining('one file') }));
    expect(() => parseMultipart(body([filePart('upload')]), B)).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => parseMultipart(body([filePart('file', 'a.md', 'x'.repeat(2000))]), B, { fileBytes: 1000 })).toThrow(expect.objectContaining({ code: 'payload_too_large' }));
    expect(() => parseMultipart(body([`Content-Disposition: form-data; name="documentId"\r\n\r\n${'x'.repeat(5000)}`]), B)).toThrow(expect.objectContaining({ code: 'bad_request' }));
    const many = Array.from({ length: 9 }, (_, i) => `Content-Disposition: form-data; name="f${i}"\r\n\r\nv`);
    expect(() => parseMultipart(body(many), B)).toThrow(expect.objectContaining({ message: expect.stringContaining('More than 8') }));
  });
});
