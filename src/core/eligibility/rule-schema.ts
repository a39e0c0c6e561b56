import { z } from 'zod';
import { AppError } from '../errors.js';
import { parseMonth } from './dates.js';
import { FACTS, isFact, type FactKind } from './facts.js';
import { OPERATORS, type Amount, type AmountShare, type AmountTable, type Rule, type Scalar } from './rule.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const text = z.string().trim().min(1, 'must be a non-empty text');

const testShape = { fact: z.string(), op: z.enum(OPERATORS), value: z.union([scalar, z.array(scalar)]) };
const testSchema = z.strictObject(testShape);
// One object shape for both kinds of condition (checked below), so a typo is reported as that field
// rather than as "matches no alternative".
const conditionSchema = z.strictObject({
  fact: testShape.fact.optional(),
  op: testShape.op.optional(),
  value: testShape.value.optional(),
  any: z.array(testSchema).min(2, 'needs at least two alternatives').optional(),
  requirement: text,
  reason: text,
  requirementEn: text.optional(),
  reasonEn: text.optional(),
  when: z.array(testSchema).min(1).optional(),
  ifKnown: z.boolean().optional(),
});
const tableSchema = z.strictObject({ by: z.string(), table: z.record(z.string(), text) });
const shareSchema = z.strictObject({
  share: z.string().regex(/^\d+(?:\.\d+)?%$/u, 'must be a percentage like 50%'),
  of: z.string(),
  base: text,
  cap: text.regex(/\d+(?:\.\d+)?\s*(?:万元|元)/u, 'must state the cap in 元 or 万元, e.g. 每人最高6000元'),
});

const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, 'must be kebab-case, e.g. living-subsidy'),
  benefit: text,
  benefitEn: text.optional(),
  key: z.string().regex(/^(?:[a-z][a-z0-9]*-\d+|g\d{2}(?:-\d+)?)$/u, 'must be a citation key like qt25-5 or g02-3'),
  triggers: z.array(text).min(1, 'needs at least one trigger word'),
  conditions: z.array(conditionSchema),
  amount: z.union([text, shareSchema, tableSchema, z.array(tableSchema).min(1)]),
  amountEn: text.optional(),
  payment: text,
  notes: z.array(text).default([]),
  overlap: z.strictObject({ group: text, key: text }).optional(),
  deadlines: z.array(z.strictObject({ after: z.string(), months: z.number().int().positive(), text, textEn: text.optional(), key: text })).optional(),
});

type RawTest = z.infer<typeof testSchema>;

function valueFits(kind: FactKind, v: Scalar): boolean {
  switch (kind.type) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'month':
      return parseMonth(v) !== undefined;
    case 'enum':
      return typeof v === 'string' && kind.values.includes(v);
  }
}

function expected(kind: FactKind): string {
  return kind.type === 'enum' ? `one of ${kind.values.join(', ')}` : kind.type === 'month' ? 'a month YYYY-MM' : `a ${kind.type}`;
}

/** Why a test does not fit its fact's kind (with the field at fault), or undefined when it fits. */
function testProblem(t: RawTest): { field: 'fact' | 'op' | 'value'; message: string } | undefined {
  if (!isFact(t.fact)) return { field: 'fact', message: `unknown fact "${t.fact}"` };
  const kind: FactKind = FACTS[t.fact].kind;
  const { op, value } = t;
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0) return { field: 'value', message: 'op "in" needs a non-empty list' };
    const bad = value.find((v) => !valueFits(kind, v));
    return bad === undefined ? undefined : { field: 'value', message: `${JSON.stringify(bad)} is not ${expected(kind)} (fact ${t.fact})` };
  }
  if (Array.isArray(value)) return { field: 'value', message: `op "${op}" needs a single value, not a list` };
  if (op === 'within_years_of_today' || op === 'since') {
    if (kind.type !== 'month') return { field: 'op', message: `op "${op}" needs a month fact, ${t.fact} is ${kind.type}` };
    if (op === 'since') return parseMonth(value) ? undefined : { field: 'value', message: 'op "since" needs a date YYYY-MM or YYYY-MM-DD' };
    return typeof value === 'number' && value > 0 ? undefined : { field: 'value', message: 'op "within_years_of_today" needs a positive number of years' };
  }
  if (op !== 'eq' && op !== 'neq' && kind.type !== 'number' && kind.type !== 'month') {
    return { field: 'op', message: `op "${op}" needs a number or month fact, ${t.fact} is ${kind.type}` };
  }
  return valueFits(kind, value) ? undefined : { field: 'value', message: `${JSON.stringify(value)} is not ${expected(kind)} (fact ${t.fact})` };
}

type Path = (string | number)[];

function semanticIssues(rule: z.infer<typeof ruleSchema>): { path: Path; message: string }[] {
  const issues: { path: Path; message: string }[] = [];
  const check = (t: RawTest, path: Path) => {
    const p = testProblem(t);
    if (p) issues.push({ path: [...path, p.field], message: p.message });
  };
  rule.conditions.forEach((c, i) => {
    c.when?.forEach((t, j) => check(t, ['conditions', i, 'when', j]));
    const single = (['fact', 'op', 'value'] as const).filter((k) => c[k] !== undefined);
    if (c.any !== undefined) {
      if (single.length > 0) issues.push({ path: ['conditions', i, single[0] ?? 'fact'], message: 'a condition has either "any" or fact/op/value, not both' });
      c.any.forEach((t, j) => check(t, ['conditions', i, 'any', j]));
      return;
    }
    const missing = (['fact', 'op', 'value'] as const).find((k) => c[k] === undefined);
    if (missing) return void issues.push({ path: ['conditions', i, missing], message: `missing "${missing}" (or give "any": [...])` });
    check({ fact: c.fact ?? '', op: c.op ?? 'eq', value: c.value ?? '' }, ['conditions', i]);
  });
  rule.deadlines?.forEach((d, i) => {
    if (!isFact(d.after) || FACTS[d.after].kind.type !== 'month') issues.push({ path: ['deadlines', i, 'after'], message: `"${d.after}" is not a month fact` });
  });
  // Tables and shares are put into English from their figures; only a text amount needs its own.
  if (rule.amountEn !== undefined && typeof rule.amount !== 'string') issues.push({ path: ['amountEn'], message: 'amountEn is for a text amount only (tables and shares are translated from their figures)' });
  if (typeof rule.amount === 'object' && 'share' in rule.amount) {
    const of = rule.amount.of;
    if (!isFact(of) || FACTS[of].kind.type !== 'number') issues.push({ path: ['amount', 'of'], message: `"${of}" is not a number fact` });
    return issues;
  }
  const tables = typeof rule.amount === 'string' ? [] : Array.isArray(rule.amount) ? rule.amount : [rule.amount];
  tables.forEach((t, i) => {
    const path: Path = Array.isArray(rule.amount) ? ['amount', i] : ['amount'];
    if (!isFact(t.by)) return void issues.push({ path: [...path, 'by'], message: `unknown fact "${t.by}"` });
    const kind: FactKind = FACTS[t.by].kind;
    for (const k of Object.keys(t.table)) {
      // Table keys are strings in YAML; the engine looks them up by String(value).
      const fits = kind.type === 'number' ? valueFits(kind, Number(k)) : kind.type === 'boolean' ? k === 'true' || k === 'false' : valueFits(kind, k);
      if (!fits) issues.push({ path: [...path, 'table', k], message: `"${k}" is not ${expected(kind)} (fact ${t.by})` });
    }
  });
  return issues;
}

type Issue = { path: PropertyKey[]; message: string; code?: string; errors?: Issue[][]; keys?: string[] };

// A union (the amount's text/table/list forms) reports "Invalid input"; the deepest issue among its
// alternatives names the field actually at fault.
function innermost(issue: Issue): { path: PropertyKey[]; message: string } {
  if (issue.code === 'unrecognized_keys' && issue.keys?.[0] !== undefined) return { path: [...issue.path, issue.keys[0]], message: 'unknown field (misspelt?)' };
  if (issue.code === 'invalid_type' && /received undefined/u.test(issue.message)) return { path: issue.path, message: 'missing required field' };
  if (issue.code !== 'invalid_union' || !issue.errors) return issue;
  const inner = issue.errors.flat().map((e) => innermost(e));
  const best = inner.reduce<{ path: PropertyKey[]; message: string } | undefined>((a, b) => (a === undefined || b.path.length > a.path.length ? b : a), undefined);
  if (!best || best.path.length === 0) return { path: issue.path, message: `matches none of its allowed forms (${inner.map((e) => e.message).join('; ')})` };
  return { path: [...issue.path, ...best.path], message: best.message };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

function fail(source: string, data: unknown, path: readonly PropertyKey[], message: string): never {
  const index = typeof path[0] === 'number' ? path[0] : undefined;
  const id = index !== undefined && Array.isArray(data) ? (data[index] as { id?: unknown } | undefined)?.id : undefined;
  const where = typeof id === 'string' ? `rule "${id}" ` : '';
  throw new AppError('rules_invalid', `${source}: ${where}${formatPath(path) || '(top level)'}: ${message}`, { details: { file: source, field: formatPath(path) } });
}

/**
 * Validates the parsed YAML of one rules file (a list of rules) and returns typed rules. The first
 * problem throws AppError('rules_invalid') naming the file, the rule and the field.
 */
export function parseRules(data: unknown, source: string): Rule[] {
  const parsed = z.array(ruleSchema).min(1, 'a rules file must be a non-empty list of rules').safeParse(data);
  if (!parsed.success) {
    // A misspelt field also leaves its correct spelling missing; the misspelling is the better report.
    const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0];
    const { path, message } = issue ? innermost(issue as Issue) : { path: [], message: 'invalid' };
    fail(source, data, path, message);
  }
  const seen = new Set<string>();
  parsed.data.forEach((rule, i) => {
    const first = semanticIssues(rule)[0];
    if (first) fail(source, data, [i, ...first.path], first.message);
    if (seen.has(rule.id)) fail(source, data, [i, 'id'], `duplicate rule id "${rule.id}"`);
    seen.add(rule.id);
  });
  // The casts are safe: semanticIssues has checked every fact name against the Profile.
  return parsed.data.map((r): Rule => {
    const a = r.amount;
    const amount: Amount = typeof a === 'string' ? a : 'share' in a ? (a as AmountShare) : ((Array.isArray(a) ? a : [a]) as AmountTable[]);
    return { ...(r as Omit<Rule, 'amount' | 'deadlines'>), amount, ...(r.overlap ? { overlap: r.overlap } : {}), ...(r.deadlines ? { deadlines: r.deadlines as Rule['deadlines'] } : {}) };
  });
}
