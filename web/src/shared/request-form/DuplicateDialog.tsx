import { Button, Dialog, Heading, Link, Modal } from "react-aria-components";
import { useI18n } from "../i18n";
import type { RequestFormState } from "./use-request-form";

/** The duplicate warning: the earlier requests that overlap, then send anyway or go back to the form. */
export function DuplicateDialog(props: {
  rf: RequestFormState;
  title: string;
  body: string;
  /** where an earlier request opens (the patron's page, or the staff's) */
  hrefOf(requestId: string): string;
}) {
  const { t, date } = useI18n();
  const m = t.requestForm;
  const { rf } = props;
  return (
    <Modal
      className="modal"
      isDismissable
      isOpen={rf.duplicates !== null}
      onOpenChange={(open) => {
        if (!open) rf.closeDuplicates();
      }}
    >
      <Dialog className="dialog" role="alertdialog">
        <Heading slot="title">{props.title}</Heading>
        <p>{props.body}</p>
        <ul className="duplicates">
          {(rf.duplicates ?? []).map((d) => (
            <li key={d.request_id}>
              <Link href={props.hrefOf(d.request_id)}>
                {m.duplicateRequest(date(d.request_date), m.states[d.request_status] ?? d.request_status)}
              </Link>
              {": "}
              {[
                d.item_description,
                d.required_pages_range
                  ? m.duplicatePages(
                      d.required_pages_range
                        .map((r) => (r.from_page === r.to_page ? r.from_page : `${r.from_page}–${r.to_page}`))
                        .join(", "),
                    )
                  : m.duplicateWhole,
              ]
                .filter(Boolean)
                .join(", ")}
            </li>
          ))}
        </ul>
        <div className="dialog-actions">
          <Button className="button" isPending={rf.busy} onPress={rf.placeAnyway}>
            {m.submitAnyway}
          </Button>
          <Button className="button secondary" onPress={rf.closeDuplicates}>
            {m.goBack}
          </Button>
        </div>
      </Dialog>
    </Modal>
  );
}
