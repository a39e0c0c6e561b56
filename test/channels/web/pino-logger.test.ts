import { describe, expect, it } from 'vitest';
import { createPinoLogger, redact } from '../../../src/channels/web/pino-logger.js';

const ID = '330106199001011234';
const ID_X = '33010619900101123X';
const ID_LOWER_X = '33010619900101123x';
const MOBILE = '13812345678';

/** A pino logger writing into an array of parsed JSON lines. */
function collecting(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = createPinoLogger(level, {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  return { logger, lines };
}

describe('redact', () => {
  it.each([
    [ID, '330***********1234'],
    [ID_X, '330***********123X'],
    [ID_LOWER_X, '330***********123x'],
  ])('masks the 18-digit ID %s, keeping the first 3 and last 4', (id, masked) => {
    expect(redact(`身份证号${id}，请核实`)).toBe(`身份证号${masked}，请核实`);
  });

  it('masks a mobile number, keeping the first 3 and last 4', () => {
    expect(redact(`电话${MOBILE}，谢谢`)).toBe('电话138****5678，谢谢');
    expect(redact(`call ${MOBILE}.`)).toBe('call 138****5678.');
    expect(redact(`+86 ${MOBILE}`)).toBe('+86 138****5678');
  });

  it('masks several numbers in one text and leaves other numbers alone', () => {
    const out = redact(`我叫张三，身份证${ID_X}，手机${MOBILE}，备用19987654321；工单 #12，补贴30000元，年份2026，邮编310018`);
    expect(out).not.toContain(ID_X);
    expect(out).not.toContain(MOBILE);
    expect(out).not.toContain('19987654321');
    expect(out).toContain('工单 #12，补贴30000元，年份2026，邮编310018');
  });

  it('does not touch longer digit runs (bank cards) or 11-digit numbers that are not mobiles', () => {
    expect(redact('6222021234567890123')).toBe('6222021234567890123');
    expect(redact('12345678901')).toBe('12345678901');
  });

  it('masks a mobile written with the country code and no separator (+8613812345678)', () => {
    expect(redact(`手机+86${MOBILE}`)).not.toContain(MOBILE);
    expect(redact(`手机86${MOBILE}`)).not.toContain(MOBILE);
  });
});

describe('createPinoLogger', () => {
  it('writes JSON lines with level and msg, masking numbers in the message', () => {
    const { logger, lines } = collecting();
    logger.info(`来自${MOBILE}的消息`);
    logger.warn(`证件${ID_X}`);
    logger.error('plain');
    expect(lines.map((l) => [l['level'], l['msg']])).toEqual([
      [30, '来自138****5678的消息'],
      [40, '证件330***********123X'],
      [50, 'plain'],
    ]);
    const raw = JSON.stringify(lines);
    expect(raw).not.toContain(MOBILE);
    expect(raw).not.toContain(ID_X);
  });

  it('masks numbers inside nested data (objects and arrays) and keeps other values', () => {
    const { logger, lines } = collecting();
    logger.info('turn', {
      conversationId: 'c_abc',
      text: `我的身份证是${ID}，手机${MOBILE}`,
      ticket: { no: 12, summary: { question: `号码${ID_X}能申请吗`, transcript: [{ role: 'user', text: `电话 ${MOBILE}` }] } },
      count: 3,
      ok: true,
      nothing: null,
    });
    expect(lines).toHaveLength(1);
    const line = lines[0] as Record<string, unknown>;
    expect(line['msg']).toBe('turn');
    expect(line['conversationId']).toBe('c_abc');
    expect(line['text']).toBe('我的身份证是330***********1234，手机138****5678');
    expect(line['ticket']).toEqual({
      no: 12,
      summary: { question: '号码330***********123X能申请吗', transcript: [{ role: 'user', text: '电话 138****5678' }] },
    });
    expect(line['count']).toBe(3);
    expect(line['ok']).toBe(true);
    expect(line['nothing']).toBeNull();
    const raw = JSON.stringify(lines);
    for (const secret of [ID, ID_X, MOBILE]) expect(raw).not.toContain(secret);
  });

  it('never writes a number raw, however deep the data (depth > 5 included)', () => {
    const { logger, lines } = collecting();
    logger.warn('deep', { a: { b: { c: { d: { e: { f: { g: `手机${MOBILE}` } } } } } } });
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).not.toContain(MOBILE);
  });

  it('respects the level (silent writes nothing, warn drops info)', () => {
    const silent = collecting('silent');
    silent.logger.error(`x ${MOBILE}`);
    expect(silent.lines).toEqual([]);
    const warn = collecting('warn');
    warn.logger.info('dropped');
    warn.logger.warn('kept');
    expect(warn.lines.map((l) => l['msg'])).toEqual(['kept']);
  });

  it('does not mutate the data object it was given', () => {
    const { logger } = collecting();
    const data = { text: `手机${MOBILE}`, nested: { id: ID } };
    logger.info('x', data);
    expect(data).toEqual({ text: `手机${MOBILE}`, nested: { id: ID } });
  });

  it('exposes the pino instance', () => {
    const { logger } = collecting();
    expect(typeof logger.pino.child).toBe('function');
  });
});
