import { useEffect, useRef, type ReactNode } from "react";

/**
 * A page's heading and the window's title. After a move to another page, focus goes to the
 * heading, so a screen reader announces where one arrived (the first page load keeps it).
 */
let firstPage = true;
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Recto`;
  }, [title]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else h1.current?.focus();
  }, []);
  return (
    <>
      <h1 tabIndex={-1} ref={h1}>
        {title}
      </h1>
      {children}
    </>
  );
}
