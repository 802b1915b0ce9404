import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../shared/api/client";
import { useWorkPlace } from "../workspace";

interface Printer {
  id: number;
  code: string;
  name: string;
}

/**
 * The printer of the place chosen in the header: a department's default printer (desks have
 * none). `settled` once that is known, so the queue is asked once, already narrowed, rather than
 * for every printer first.
 */
export function usePlacePrinter(printers: Printer[] | undefined): {
  printer: { id: string; name: string; place: string } | null;
  settled: boolean;
} {
  const { current } = useWorkPlace();
  const department = current?.kind === "department" ? current : null;
  const departments = useQuery({
    queryKey: ["departments"],
    queryFn: () => unwrap(api.GET("/api/v1/departments")),
    staleTime: 5 * 60_000,
    retry: false,
    enabled: department !== null,
  });
  if (!department) return { printer: null, settled: true };
  if (departments.isPending || printers === undefined) return { printer: null, settled: departments.isError };
  const code = departments.data?.departments.find((d) => d.code === department.code)?.default_printer ?? null;
  const found = printers.find((p) => p.code === code);
  return {
    printer: found ? { id: String(found.id), name: found.name, place: department.name } : null,
    settled: true,
  };
}
