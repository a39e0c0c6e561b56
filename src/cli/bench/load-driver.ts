import { latency, round } from './measure.js';

/** What one load run is asked to do (JSON on stdin). */
export interface LoadOrder {
  /** Base URLs of the instances; connections are spread over them round-robin. */
  bases: string[];
  /** Questions, sent in turn (each connection starts at its own place). */
  questions: string[];
  /** Simultaneous simulated people, one conversation each. */
  connections: number;
  /** Measured seconds, after one second of warm-up. */
  seconds: number;
}

/**
 * Messages a simulated person sends in one conversation before starting another. A conversation
 * handed to an officer only relays what follows (no answer to compose), so endless conversations
 * would drift towards relays; a visit of ten messages keeps the mix the same however long the run.
 */
export const TURNS_PER_CONVERSATION = 10;

/** The question a person sends as its n-th message (the in-process rate asks the same ones). */
export const questionOf = (questions: readonly string[], person: number, n: number): string => questions[(person * 7 + n) % questions.length]!;

/** What one load run measured (printed as JSON on stdout). */
export interface LoadResult {
  /** Answers (2xx) completed per second in the measured window. */
  answersPerSecond: number;
  /** Latency of one POST (message in, answer out), ms. */
  p50: number;
  p95: number;
  p99: number;
  /** Requests refused with 503 (load shed). */
  shed: number;
  /** Requests that failed otherwise (non-2xx or network). */
  errors: number;
}

/**
 * Runs `connections` simulated people for `seconds`: each opens a conversation and sends the
 * questions one after another, waiting for each answer, and opens a new one every
 * {@link TURNS_PER_CONVERSATION} messages (a shed request is retried after its
 * Retry-After would allow, so the load stays closed-loop).
 */
export async function drive(order: LoadOrder): Promise<LoadResult> {
  const { bases, questions, connections, seconds } = order;
  const ms: number[] = [];
  let errors = 0;
  let shed = 0;
  let done = 0;
  const warmUntil = Date.now() + 1000;
  const endAt = warmUntil + seconds * 1000;
  const person = async (i: number): Promise<void> => {
    const base = bases[i % bases.length]!;
    let conversation = { id: '', token: '' };
    for (let n = 0; Date.now() < endAt; n++) {
      if (n % TURNS_PER_CONVERSATION === 0) {
        const created = await fetch(`${base}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        conversation = (await created.json()) as { id: string; token: string };
      }
      const { id, token } = conversation;
      const text = questionOf(questions, i, n);
      const started = performance.now();
      try {
        const res = await fetch(`${base}/api/conversations/${id}/messages`, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ text }),
        });
        await res.arrayBuffer();
        const measured = Date.now() > warmUntil && Date.now() <= endAt;
        if (res.status === 503) {
          if (measured) shed += 1;
          await new Promise((r) => setTimeout(r, 50));
        } else if (!res.ok) errors += 1;
        else if (measured) {
          ms.push(performance.now() - started);
          done += 1;
        }
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, i) => person(i)));
  return { answersPerSecond: round(done / seconds), ...latency(ms), shed, errors };
}

// Run as a process of its own, the load generator shares its event loop with nothing else.
if (process.argv[1]?.endsWith('load-driver.ts')) {
  let input = '';
  for await (const chunk of process.stdin) input += String(chunk);
  const result = await drive(JSON.parse(input) as LoadOrder);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
