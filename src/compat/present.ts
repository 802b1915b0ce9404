import type { z } from "zod";
import type { RequestForm } from "../requests/form.js";
import type { closingEventsOf } from "../requests/parts-repository.js";
import type { RequestRow } from "../requests/repository.js";
import type { userRequestSchema } from "./schemas.js";
import { almaStatusOf, subTypeDesc } from "./status.js";

type ClosingEvent = Awaited<ReturnType<typeof closingEventsOf>>[number];
export type UserRequest = z.infer<typeof userRequestSchema>;

/** The platform writes a date as "2026-03-02Z": the UTC day, marked as UTC. */
const almaDate = (iso: string): string => `${iso.slice(0, 10)}Z`;

/** Absent values are left out, as the platform does, rather than sent as null. */
const present = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

export function presentUserRequest(r: RequestRow, closing: ClosingEvent | undefined): UserRequest {
  const form = JSON.parse(r.form) as RequestForm;
  const { status, task } = almaStatusOf[r.state];
  const place = r.department_code
    ? { value: r.department_code, desc: r.department_name! }
    : r.desk_code
      ? { value: r.desk_code, desc: r.desk_name! }
      : undefined;
  return {
    request_id: String(r.id),
    user_primary_id: r.user_primary_id,
    request_type: "DIGITIZATION",
    request_sub_type: { value: r.request_sub_type, desc: subTypeDesc[r.request_sub_type] ?? r.request_sub_type },
    request_status: status,
    recto_state: r.state,
    task_name: task,
    mms_id: String(r.bib_id),
    item_id: r.item_id === null ? undefined : String(r.item_id),
    barcode: present(r.item_barcode),
    title: r.title,
    description: form.description ?? present(r.item_description),
    target_destination: place,
    managed_by_library: r.library_name,
    managed_by_library_code: r.library_code,
    managed_by_circulation_desk: present(r.desk_name),
    managed_by_circulation_desk_code: present(r.desk_code),
    request_date: almaDate(r.request_date),
    request_time: r.request_date,
    expiry_date: almaDate(r.due_at),
    partial_digitization: form.partial_digitization,
    chapter_or_article_title: form.chapter_or_article_title,
    chapter_or_article_author: form.chapter_or_article_author,
    volume: form.volume,
    issue: form.issue,
    part: form.part,
    date_of_publication: form.date_of_publication,
    required_pages_range: form.required_pages_range,
    full_chapter: form.full_chapter,
    comment: form.comment,
    last_interest_date: form.last_interest_date ? `${form.last_interest_date}Z` : undefined,
    doi: form.doi,
    pmid: form.pmid,
    copyrights_declaration_signed_by_patron: form.copyrights_declaration_signed_by_patron,
    request_source: r.request_source,
    cancel_reason: present(closing?.reason),
    cancel_note: present(closing?.note),
  };
}
