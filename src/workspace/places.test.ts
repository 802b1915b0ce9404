import { describe, expect, it } from "vitest";
import type { Grant } from "../auth/actor.js";
import type { RoleCode, ScopeType } from "../db/schema.js";
import { workPlaces, type DepartmentFacts, type DeskFacts } from "./places.js";

const dept = (id: number, over: Partial<DepartmentFacts> = {}): DepartmentFacts => ({
  id,
  code: `D${id}`,
  name: `Department ${id}`,
  owner_level: "institution",
  owner_library_id: null,
  serves_all_libraries: 0,
  served_library_ids: [],
  ...over,
});
const desk = (id: number, libraryId: number, digitization: boolean): DeskFacts => ({
  id,
  code: `K${id}`,
  name: `Desk ${id}`,
  library_id: libraryId,
  supports_digitization: digitization ? 1 : 0,
});
const grant = (
  role: RoleCode,
  scopeType: ScopeType,
  scopeId: number | null,
  deskLibraryId: number | null = null,
): Grant => ({
  role,
  scopeType,
  scopeId,
  deskLibraryId,
});

const departments = [
  dept(1, { serves_all_libraries: 1 }),
  dept(2, { served_library_ids: [10] }),
  dept(3, { owner_level: "library", owner_library_id: 20 }),
];
const desks = [desk(100, 10, true), desk(101, 10, false), desk(200, 20, true)];
const codes = (g: Grant[]) => workPlaces(g, departments, desks).map((p) => p.code);

describe("the places a staff member works at", () => {
  it("institution scope: every department and every desk that digitizes", () => {
    expect(codes([grant("REQUESTS_OPERATOR", "institution", null)])).toEqual(["D1", "D2", "D3", "K100", "K200"]);
  });

  it("library scope: the departments serving the library and its digitizing desks", () => {
    expect(codes([grant("REQUESTS_OPERATOR", "library", 10)])).toEqual(["D1", "D2", "K100"]);
    expect(codes([grant("REQUESTS_OPERATOR", "library", 20)])).toEqual(["D1", "D3", "K200"]);
  });

  it("department and desk scope: that place only, a desk even when it does not digitize", () => {
    expect(codes([grant("WORK_ORDER_OPERATOR", "department", 2)])).toEqual(["D2"]);
    expect(codes([grant("FULFILLMENT_SERVICES_OPERATOR", "desk", 101, 10)])).toEqual(["K101"]);
  });

  it("names the caller's roles at each place, in the role table's order, once each", () => {
    const places = workPlaces(
      [
        grant("WORK_ORDER_OPERATOR", "department", 3),
        grant("REQUESTS_OPERATOR", "library", 20),
        grant("WORK_ORDER_OPERATOR", "institution", null),
      ],
      departments,
      desks,
    );
    expect(places.find((p) => p.code === "D3")?.roles).toEqual(["REQUESTS_OPERATOR", "WORK_ORDER_OPERATOR"]);
    expect(places.find((p) => p.code === "D2")?.roles).toEqual(["WORK_ORDER_OPERATOR"]);
    expect(places.find((p) => p.code === "D3")?.library_id).toBe(20);
    expect(places.find((p) => p.code === "D1")?.library_id).toBeNull();
  });

  it("no grants, no places", () => {
    expect(codes([])).toEqual([]);
  });
});
