// What a simulated workload answers. Each image family (nginx, httpd, kubia, redis ...) is a module
// under families/ describing the ports its process listens on and how it answers there; the
// catalogue (catalogue.ts) looks the family up by image repository.

export interface HttpResponse {
  status: number;
  /** header name -> value, in the order the server sends them */
  headers: [string, string][];
  body: string;
  /** how long the answer took (ms), when it was slowed down (`kubesim fault image --latency`) */
  latency?: number;
}

/** A request that got no HTTP answer: nothing listens (refused) or nobody answers (timeout). */
export interface NetError {
  error: 'refused' | 'timeout' | 'unreachable';
  /** why, when it helps (no ready endpoints) */
  detail?: string;
}

export type HttpResult = HttpResponse | NetError;

export const isNetError = (r: HttpResult): r is NetError => 'error' in r;

/** What one request sees of the container that answers it. */
export interface ServeContext {
  /** the image's tag (or "latest") */
  tag: string;
  /** the container's hostname (os.hostname(): the pod's spec.hostname or its name) */
  hostname: string;
  /** HTTP requests this container has answered before this one (since it last started) */
  served: number;
  method: string;
  path: string;
  /** virtual now (epoch ms), for the Date header */
  now: number;
  /** when the container started (epoch ms), for Last-Modified of static files */
  startedAt: number;
  /** a file of the container's filesystem (image, volumes, writes): its content, 'dir', or undefined when missing */
  file?: (path: string) => string | 'dir' | undefined;
}

export interface WorkloadFamily {
  /** normalized repositories (docker.io/library/nginx) this family serves */
  repos: string[];
  /** the port the process listens on (TCP) */
  ports: (tag: string) => number[];
  /** the HTTP answer, for HTTP servers */
  http?(req: ServeContext): HttpResponse;
  /** a line protocol answer (redis: PING -> +PONG), for non-HTTP servers */
  tcp?(input: string, req: ServeContext): string;
  /** whether the answers turn bad after a while (kubia v3): probes must keep watching */
  degrades?(tag: string): boolean;
  /** the version the image runs, as shown in tallies (1.27.4, v2) */
  version(tag: string): string;
}
