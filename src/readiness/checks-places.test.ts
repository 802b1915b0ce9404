import { describe, expect, it } from "vitest";
import { makeUser } from "../../test/factories.js";
import { useTestApp } from "../../test/harness.js";
import { checkOf, readiness, readyInstitution } from "../../test/readiness-fixture.js";

const t = useTestApp();

describe("readiness: the places where the work happens", () => {
  it("a ready institution passes every check", async () => {
    const scene = await readyInstitution(t);
    const body = await readiness(scene);
    expect(body.checks.filter((c) => c.status !== "pass")).toEqual([]);
    expect(body.ready).toBe(true);
  });

  it("libraries_served: a library with digitizable items and no place serving it fails, by its code", async () => {
    const scene = await readyInstitution(t);
    const { inst, api } = scene;
    // the institution's department serves MAIN only: LAW's items have nowhere to go
    await api.patch(`/api/v1/departments/${inst.departments.inst}`, { served_libraries: [inst.libraries.main] });
    const failing = await checkOf(scene, "libraries_served");
    expect(failing.status).toBe("fail");
    expect(failing.problems).toEqual([
      expect.objectContaining({
        kind: "library_unserved",
        subject: { type: "library", id: String(inst.libraries.law), code: "LAW", name: "LAW Library" },
        fix: { page: "/staff/setup/departments", api: "POST /api/v1/departments" },
      }),
    ]);
    expect((await readiness(scene)).ready).toBe(false);

    // a desk of LAW that supports digitization serves it
    const desk = await api.post(`/api/v1/libraries/${inst.libraries.law}/desks`, {
      code: "LAW_DESK",
      name: "Law desk",
      digitization: { supports_digitization: true, work_time_days: 5 },
    });
    expect(desk.status).toBe(201);
    expect((await checkOf(scene, "libraries_served")).status).toBe("pass");
  });

  it("libraries_served: a library whose items may not be digitized needs no place", async () => {
    const scene = await readyInstitution(t);
    const { inst, api } = scene;
    await api.patch(`/api/v1/departments/${inst.departments.inst}`, { served_libraries: [inst.libraries.main] });
    expect((await checkOf(scene, "libraries_served")).status).toBe("fail");
    expect(
      (await api.post("/api/v1/terms-of-use", { code: "NO_COPIES", name: "No copies", is_digitizable: false })).status,
    ).toBe(201);
    const unit = await api.post("/api/v1/fulfillment-units", {
      code: "LAW_UNIT",
      name: "Law collections",
      location_ids: [inst.locations.lawStacks],
      default_terms_of_use: "NO_COPIES",
    });
    expect(unit.status).toBe(201);
    expect((await checkOf(scene, "libraries_served")).status).toBe("pass");
  });

  it("work_times_set: a digitization desk without a work time fails, with the desk's screen", async () => {
    const scene = await readyInstitution(t);
    const { inst } = scene;
    // the API refuses it; an older row or a direct import may still carry it
    await t.ctx.db
      .updateTable("circulation_desks")
      .set({ supports_digitization: 1, work_time_days: null })
      .where("id", "=", inst.desks.mainDesk)
      .execute();
    const failing = await checkOf(scene, "work_times_set");
    expect(failing.status).toBe("fail");
    expect(failing.problems).toEqual([
      expect.objectContaining({
        kind: "no_work_time",
        subject: expect.objectContaining({ type: "desk", code: "MAIN_DESK" }),
        fix: {
          page: "/staff/setup/libraries/MAIN/desks/MAIN_DESK#work-time",
          api: `PATCH /api/v1/desks/${inst.desks.mainDesk}`,
        },
      }),
    ]);
    const fixed = await scene.api.patch(`/api/v1/desks/${inst.desks.mainDesk}`, {
      digitization: { work_time_days: 3 },
    });
    expect(fixed.status).toBe(200);
    expect((await checkOf(scene, "work_times_set")).status).toBe("pass");
  });

  it("places_have_printers: a department printing pick slips without a printer fails; the slip letter off needs none", async () => {
    const scene = await readyInstitution(t);
    const { inst, api } = scene;
    await api.patch(`/api/v1/departments/${inst.departments.inst}`, { default_printer: null });
    const failing = await checkOf(scene, "places_have_printers");
    expect(failing.status).toBe("fail");
    expect(failing.problems).toEqual([
      expect.objectContaining({
        kind: "no_printer",
        subject: expect.objectContaining({ type: "department", code: "DIGI_DEPT_INST" }),
        fix: {
          page: "/staff/setup/departments/DIGI_DEPT_INST#printer",
          api: `PATCH /api/v1/departments/${inst.departments.inst}`,
        },
      }),
    ]);
    expect((await api.patch("/api/v1/letters/resource_request_slip", { enabled: false })).status).toBe(200);
    expect((await checkOf(scene, "places_have_printers")).status).toBe("pass");
    await api.patch("/api/v1/letters/resource_request_slip", { enabled: true });
    await api.patch(`/api/v1/departments/${inst.departments.inst}`, { default_printer: "SLIPS" });
    expect((await checkOf(scene, "places_have_printers")).status).toBe("pass");
  });

  it("places_have_operators: a place nobody operates fails; an inactive operator does not count", async () => {
    const scene = await readyInstitution(t);
    const { inst, api } = scene;
    const dept = await api.post("/api/v1/departments", {
      code: "LAW_DIGI",
      name: "Law digitization",
      work_time_days: 7,
      default_printer: "SLIPS",
      owner_level: "library",
      owner_library_id: inst.libraries.law,
    });
    expect(dept.status).toBe(201);
    const failing = await checkOf(scene, "places_have_operators");
    expect(failing.status).toBe("fail");
    expect(failing.problems).toEqual([
      expect.objectContaining({
        kind: "no_operators",
        subject: { type: "department", id: String(dept.body.id), code: "LAW_DIGI", name: "Law digitization" },
        fix: {
          page: "/staff/setup/departments/LAW_DIGI#operators",
          api: `POST /api/v1/departments/${dept.body.id}/operators`,
        },
      }),
    ]);
    const away = await makeUser(t.ctx, inst, { group: "STAFF", status: "INACTIVE" });
    await api.post(`/api/v1/departments/${dept.body.id}/operators`, { user_id: away.id });
    expect((await checkOf(scene, "places_have_operators")).status).toBe("fail");
    const present = await makeUser(t.ctx, inst, { group: "STAFF" });
    await api.post(`/api/v1/departments/${dept.body.id}/operators`, { user_id: present.id });
    expect((await checkOf(scene, "places_have_operators")).status).toBe("pass");
  });
});
