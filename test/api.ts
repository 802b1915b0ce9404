import type { FastifyInstance, InjectOptions } from "fastify";

interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** A tiny client over app.inject, authenticated with an API key (or none). */
export function client(app: FastifyInstance, apiKey?: string) {
  const call = async <T = any>(
    method: InjectOptions["method"],
    url: string,
    payload?: unknown,
  ): Promise<ApiResponse<T>> => {
    const res = await app.inject({
      method,
      url,
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      ...(payload !== undefined ? { payload: payload as InjectOptions["payload"] } : {}),
    });
    const text = res.body;
    let body: unknown = text;
    if ((res.headers["content-type"] ?? "").toString().includes("json") && text.length > 0) body = JSON.parse(text);
    return { status: res.statusCode, body: body as T, headers: res.headers };
  };
  return {
    get: <T = any>(url: string) => call<T>("GET", url),
    post: <T = any>(url: string, payload?: unknown) => call<T>("POST", url, payload ?? {}),
    patch: <T = any>(url: string, payload: unknown) => call<T>("PATCH", url, payload),
    put: <T = any>(url: string, payload: unknown) => call<T>("PUT", url, payload),
    delete: <T = any>(url: string, payload?: unknown) => call<T>("DELETE", url, payload),
  };
}

/** Uploads one file as multipart/form-data field `file`, as a browser or curl -F would. */
export async function upload(
  app: FastifyInstance,
  apiKey: string,
  url: string,
  file: { name: string; bytes: Buffer; contentType?: string },
): Promise<ApiResponse<any>> {
  const boundary = `----recto${Date.now().toString(16)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
      `Content-Type: ${file.contentType ?? "application/octet-stream"}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const res = await app.inject({
    method: "POST",
    url,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([head, file.bytes, tail]),
  });
  const body = (res.headers["content-type"] ?? "").toString().includes("json") ? JSON.parse(res.body) : res.body;
  return { status: res.statusCode, body, headers: res.headers };
}
