import { useState } from "react";
import { ApiError, csrfToken, type FieldProblem } from "../../../shared/api/client";
import type { Problem } from "../../../shared/components/ErrorSummary";
import { SESSION_EXPIRED } from "../../../shared/preserved-form";
import { problemsOf } from "../forms/forms";

/**
 * Sends files as multipart/form-data fields 'file' to one of the API's upload routes. Not through
 * `api`: the generated client has no type for multipart bodies. It carries the CSRF token and
 * announces an ended session (401) as the client does for every other call.
 */
export async function sendFiles<T>(path: string, query: Record<string, string>, files: File[]): Promise<T> {
  const form = new FormData();
  for (const f of files) form.append("file", f, f.name);
  const headers: Record<string, string> = { accept: "application/json" };
  const token = csrfToken();
  if (token) headers["x-csrf-token"] = token;
  const response = await fetch(`${path}?${new URLSearchParams(query)}`, {
    method: "POST",
    body: form,
    headers,
    credentials: "same-origin",
  });
  const body = (await response.json().catch(() => ({}))) as {
    code?: string;
    message?: string;
    fields?: FieldProblem[];
  };
  if (response.ok) return body as T;
  if (response.status === 401) window.dispatchEvent(new Event(SESSION_EXPIRED));
  throw new ApiError(response.status, body.code ?? "UNKNOWN", body.message ?? response.statusText, body.fields ?? []);
}

/**
 * The submit of a form that sends files: a missing file refused at its field, the server's refusal
 * shown at the fields, the success announced in the form's status line.
 */
export function useFileSubmit<T>(
  form: { setProblems(p: Problem[]): void; setSaved(s: string): void },
  fileField: string,
  texts: { chooseFile: string; failed: string },
  send: (files: File[]) => Promise<T>,
  announce: (result: T) => string,
  fieldIds: Record<string, string> = { file: fileField },
) {
  const [saving, setSaving] = useState(false);
  const submit = async (files: File[]) => {
    if (files.length === 0) {
      form.setProblems([{ field: fileField, message: texts.chooseFile }]);
      return;
    }
    setSaving(true);
    form.setProblems([]);
    form.setSaved("");
    try {
      form.setSaved(announce(await send(files)));
    } catch (err) {
      form.setProblems(problemsOf(err, fieldIds, texts.failed));
    } finally {
      setSaving(false);
    }
  };
  return { saving, submit };
}
