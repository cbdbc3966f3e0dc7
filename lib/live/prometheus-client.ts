// The one call homey-admin makes to Prometheus: an instant query over its HTTP API
// (GET /api/v1/query), with a short timeout, reshaped into plain samples at the boundary.
import "server-only";

export interface Sample {
  metric: Record<string, string>;
  value: number;
}

export class PrometheusUnavailableError extends Error {}

/** Instant vector query; throws PrometheusUnavailableError saying what went wrong. */
export async function queryVector(baseUrl: string, query: string, timeoutMs: number): Promise<Sample[]> {
  const url = `${baseUrl}/api/v1/query?query=${encodeURIComponent(query)}`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), cache: "no-store" });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : "connection failed";
    throw new PrometheusUnavailableError(`Prometheus at ${baseUrl} did not answer (${reason})`, { cause: error });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok || !isVectorBody(body)) {
    throw new PrometheusUnavailableError(`Prometheus at ${baseUrl} answered ${response.status} without a query result: is HOMEY_PROMETHEUS_URL its base URL?`);
  }
  return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}

interface VectorBody {
  status: "success";
  data: { resultType: "vector"; result: { metric: Record<string, string>; value: [number, string] }[] };
}

function isVectorBody(body: unknown): body is VectorBody {
  if (typeof body !== "object" || body === null) return false;
  const { status, data } = body as { status?: unknown; data?: { resultType?: unknown; result?: unknown } };
  return status === "success" && data?.resultType === "vector" && Array.isArray(data.result);
}
