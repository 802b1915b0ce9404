import { ApiError, csrfToken } from "../../shared/api/client";
import type { StaffRequest } from "./queries";

/**
 * Sends a scan to POST /requests/{id}/files. XMLHttpRequest, not fetch: only it reports how much
 * of the body has gone (a scan can be hundreds of megabytes), which the progress bar shows.
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
      if (xhr.status >= 200 && xhr.status < 300) resolve(xhr.response as StaffRequest);
      else reject(new ApiError(xhr.status, body.code ?? "UNKNOWN", body.message ?? xhr.statusText, body.fields ?? []));
    };
    xhr.onerror = () => reject(new TypeError("network"));
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}
