import { describe, expect, it } from "vitest";
import { resolveHandlingPlace, type PlaceCandidate } from "./handling-place.js";

const dept = (code: string, over: Partial<PlaceCandidate> = {}): PlaceCandidate => ({
  kind: "department",
  id: code.length,
  code,
  name: code,
  level: "institution",
  libraryId: null,
  servesAll: true,
  servedLibraryIds: [],
  supportsDigitization: true,
  workTimeDays: 14,
  ...over,
});
const desk = (code: string, libraryId: number, on = true): PlaceCandidate =>
  dept(code, {
    kind: "desk",
    level: "library",
    libraryId,
    servesAll: false,
    supportsDigitization: on,
    workTimeDays: 3,
  });

describe("resolveHandlingPlace", () => {
  it("uses the institution department when nothing closer serves the library", () => {
    const d = resolveHandlingPlace(1, [dept("DIGI_DEPT_INST")]);
    expect(d.place?.code).toBe("DIGI_DEPT_INST");
    expect(d.reason).toMatch(/whole institution/);
  });

  it("prefers a library-level department over the institution department", () => {
    const d = resolveHandlingPlace(1, [
      dept("DIGI_DEPT_INST"),
      dept("LAW_DIGI", { level: "library", libraryId: 2, servesAll: false }),
      dept("MAIN_DIGI", { level: "library", libraryId: 1, servesAll: false }),
    ]);
    expect(d.place?.code).toBe("MAIN_DIGI");
    expect(d.reason).toMatch(/wins over institution-level/);
  });

  it("prefers a digitization desk of the library over institution departments", () => {
    expect(resolveHandlingPlace(1, [dept("DIGI_DEPT_INST"), desk("MAIN_DESK", 1)]).place?.code).toBe("MAIN_DESK");
  });

  it("ignores desks without the digitization section and desks of other libraries", () => {
    const d = resolveHandlingPlace(1, [desk("OFF", 1, false), desk("OTHER", 2)]);
    expect(d.place).toBeNull();
    expect(d).toMatchObject({ code: "NO_HANDLING_PLACE" });
    expect(d.reason).toMatch(/No digitization department/);
  });

  it("honours an institution department's list of served libraries", () => {
    const limited = dept("SCI_ONLY", { servesAll: false, servedLibraryIds: [3] });
    expect(resolveHandlingPlace(1, [limited]).place).toBeNull();
    expect(resolveHandlingPlace(3, [limited, dept("ALL")]).place?.code).toBe("SCI_ONLY");
  });

  it("breaks ties by code, whatever the order of the candidates", () => {
    const a = dept("A_DEPT");
    const b = dept("B_DEPT");
    expect(resolveHandlingPlace(1, [b, a]).place?.code).toBe("A_DEPT");
    expect(resolveHandlingPlace(1, [a, b]).place?.code).toBe("A_DEPT");
  });

  it("lets a rule or staff member set the target explicitly", () => {
    const d = resolveHandlingPlace(1, [desk("MAIN_DESK", 1), dept("DIGI_DEPT_INST")], {
      code: "DIGI_DEPT_INST",
      source: "staff",
    });
    expect(d.place?.code).toBe("DIGI_DEPT_INST");
    expect(d.reason).toMatch(/staff member set the target/);
  });

  it("refuses an explicit target that is not a digitization place", () => {
    const d = resolveHandlingPlace(1, [desk("OFF", 1, false)], { code: "OFF", source: "rule" });
    expect(d).toMatchObject({ place: null, code: "UNKNOWN_TARGET" });
  });
});
