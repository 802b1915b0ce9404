import { ApiError, csrfToken } from "../../shared/api/client";
import { SESSION_EXPIRED } from "../../shared/preserved-form";
import type { StaffRequest } from "./queries";

/**
 * A scan whose upload met an ended session, by request: kept in this page's memory (a file
 * cannot go to sessionStorage) while the app goes to sign in and back, so it is offered again
 * instead of being looked for on the scanner's disk a second time.
 */
const kept = new Map<string, File>();

export function keptUpload(requestId: string): File | null {
  return kept.get(requestId) ?? null;
}

export function forgetUpload(requestId: string): void {
  kept.delete(requestId);
}

/**
 * Sends a scan to POST /requests/{id}/files. XMLHttpRequest, not fetch: only it reports how much
 * of the body has gone (a scan can be hundreds of megabytes), which the progress bar shows. It
 * does not pass through the API client, so it announces an ended session (401) itself, as the
 * client does for every other call.
 */
export function uploadScan(
  requestId: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
): Promise<StaffRequest> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/requests/${encodeURIComponent(requestId)}/files`);
    xhr.withCredentials = true;
    xhr.responseType = "json";
    const token = csrfToken();
    if (token) xhr.setRequestHeader("x-csrf-token", token);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      const body = (xhr.response ?? {}) as { code?: string; message?: string; fields?: [] };
      if (xhr.status >= 200 && xhr.status < 300) return resolve(xhr.response as StaffRequest);
      if (xhr.status === 401) {
        kept.set(requestId, file);
        window.dispatchEvent(new Event(SESSION_EXPIRED));
      }
      reject(new ApiError(xhr.status, body.code ?? "UNKNOWN", body.message ?? xhr.statusText, body.fields ?? []));
    };
    xhr.onerror = () => reject(new TypeError("network"));
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}
