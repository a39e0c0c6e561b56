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
 * questions one after another, waiting for each answer (a shed request is retried after its
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
    const created = await fetch(`${base}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { id, token } = (await created.json()) as { id: string; token: string };
    for (let n = 0; Date.now() < endAt; n++) {
      const text = questions[(i * 7 + n) % questions.length]!;
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
