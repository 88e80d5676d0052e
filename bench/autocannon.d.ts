// The slice of autocannon's API the webhook bench uses (the package ships no types).
declare module "autocannon" {
  type Request = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  type Options = {
    url: string;
    connections?: number;
    amount?: number;
    duration?: number;
    /** How often (ms) autocannon samples — and checks whether an `amount` run is done. */
    sampleInt?: number;
    method?: string;
    headers?: Record<string, string>;
    requests?: { setupRequest?: (req: Request) => Request }[];
  };
  type Histogram = { average: number; mean: number; p50: number; p99: number; max: number; total: number };
  type Result = {
    requests: Histogram;
    latency: Histogram;
    duration: number;
    non2xx: number;
    errors: number;
    timeouts: number;
    "2xx": number;
    "4xx": number;
  };
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
