import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus metrics of the process. */
export interface Metrics {
  /** The registry behind /metrics. */
  registry: Registry;
  /** HTTP request latency by method, route and status. */
  httpSeconds: Histogram<'method' | 'route' | 'status'>;
  /** Whole-answer latency by channel. */
  answerSeconds: Histogram<'channel'>;
  /** Answers by intent and scope. */
  answers: Counter<'intent' | 'scope'>;
  /** Handoffs by reason. */
  handoffs: Counter<'reason'>;
  /** Times the LLM path failed and the offline answer was used. */
  llmFallbacks: Counter<'stage'>;
  /** 👍/👎 counts. */
  feedback: Counter<'rating'>;
  /** Turns refused with 503 because the process already had its cap of turns in flight. */
  shedTurns: Counter<'channel'>;
  /** Chat turns being answered now (waiting for the conversation's previous turn included). */
  turnsInFlight: Gauge;
}

/** Creates a fresh registry (one per app, so tests do not share counters). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'qxz_' });
  return {
    registry,
    httpSeconds: new Histogram({ name: 'qxz_http_request_seconds', help: 'HTTP request latency', labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] }),
    answerSeconds: new Histogram({ name: 'qxz_answer_seconds', help: 'Time to a whole answer', labelNames: ['channel'], buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30], registers: [registry] }),
    answers: new Counter({ name: 'qxz_answers_total', help: 'Answers by intent', labelNames: ['intent', 'scope'], registers: [registry] }),
    handoffs: new Counter({ name: 'qxz_handoffs_total', help: 'Conversations handed to a helper officer', labelNames: ['reason'], registers: [registry] }),
    llmFallbacks: new Counter({ name: 'qxz_llm_fallbacks_total', help: 'LLM failures answered offline', labelNames: ['stage'], registers: [registry] }),
    feedback: new Counter({ name: 'qxz_feedback_total', help: 'Answer feedback', labelNames: ['rating'], registers: [registry] }),
    shedTurns: new Counter({ name: 'qxz_turns_shed_total', help: 'Turns refused with 503 because too many were in flight', labelNames: ['channel'], registers: [registry] }),
    turnsInFlight: new Gauge({ name: 'qxz_turns_in_flight', help: 'Chat turns being answered now', registers: [registry] }),
  };
}
