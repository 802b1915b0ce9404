import { describe, expect, it } from "vitest";
import { readUserFile } from "./read-user-file.js";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("reading a file of users", () => {
  it("reads CSV by its header, whatever the columns' order and case, leaving empty cells out", () => {
    const read = readUserFile("a.csv", bytes("Last_Name,PRIMARY_ID,email\nNguyen,s1,\n"));
    expect(read).toEqual({
      records: [{ file: "a.csv", row: 2, values: { last_name: "Nguyen", primary_id: "s1" } }],
      problems: [],
      whole: true,
    });
  });

  it("refuses a whole CSV file for an unknown or repeated column, or no primary_id, naming the header's line", () => {
    expect(readUserFile("a.csv", bytes("primary_id,emial\ns1,x@y.z")).problems).toEqual([
      {
        file: "a.csv",
        row: 1,
        field: "emial",
        reason: expect.stringContaining('"emial" is not a column Recto reads'),
      },
    ]);
    expect(readUserFile("a.csv", bytes("primary_id,email,EMAIL\n")).problems[0]?.reason).toBe(
      "The column email is named twice.",
    );
    expect(readUserFile("a.csv", bytes("last_name\nX")).problems[0]?.reason).toBe(
      "The header has no primary_id column.",
    );
    expect(readUserFile("a.csv", bytes("last_name\nX")).whole).toBe(false);
  });

  it("keeps a row with too many cells as unreadable, with its primary id", () => {
    const read = readUserFile("a.csv", bytes("primary_id,last_name\ns1,A,extra\n"));
    expect(read.records).toEqual([
      {
        file: "a.csv",
        row: 2,
        values: { primary_id: "s1" },
        unreadable: "The row has 3 cells; the header names 2 columns.",
      },
    ]);
  });

  it("refuses text that is not UTF-8, and an empty file", () => {
    expect(readUserFile("a.csv", new Uint8Array([0x70, 0xe9, 0x0a])).problems[0]?.reason).toContain("not UTF-8");
    expect(readUserFile("a.csv", bytes("")).problems[0]?.reason).toContain("empty");
  });

  it("reads the platform's user XML: codes from desc-attributed elements, the preferred email, the barcode identifier", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<users total_record_count="2">
  <user>
    <primary_id>s1</primary_id><first_name>Ana</first_name><last_name>L&amp;pez</last_name>
    <user_group desc="Undergraduate">UNDERGRAD</user_group>
    <preferred_language desc="French">fr</preferred_language>
    <expiry_date>2027-06-30Z</expiry_date>
    <status desc="Active">ACTIVE</status>
    <contact_info><emails>
      <email preferred="false"><email_address>old@example.edu</email_address></email>
      <email preferred="true"><email_address>ana@example.edu</email_address></email>
    </emails></contact_info>
    <user_identifiers>
      <user_identifier><id_type desc="Other">OTHER</id_type><value>X</value></user_identifier>
      <user_identifier><id_type desc="Barcode">BARCODE</id_type><value>B-1</value></user_identifier>
    </user_identifiers>
  </user>
  <user><primary_id>s2</primary_id><last_name>Okafor</last_name></user>
</users>`;
    expect(readUserFile("u.xml", bytes(xml))).toEqual({
      records: [
        {
          file: "u.xml",
          row: 1,
          values: {
            primary_id: "s1",
            first_name: "Ana",
            last_name: "L&pez",
            email: "ana@example.edu",
            user_group: "UNDERGRAD",
            preferred_language: "fr",
            expiry_date: "2027-06-30Z",
            status: "ACTIVE",
            barcode: "B-1",
          },
        },
        { file: "u.xml", row: 2, values: { primary_id: "s2", last_name: "Okafor" } },
      ],
      problems: [],
      whole: true,
    });
    expect(readUserFile("one.xml", bytes("<user><primary_id>s3</primary_id></user>")).records).toHaveLength(1);
  });

  it("never expands entities in user XML, and refuses another root", () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE users [<!ENTITY x SYSTEM "file:///etc/passwd">]><users><user><primary_id>&x;</primary_id></user></users>`;
    expect(readUserFile("x.xml", bytes(xxe))).toMatchObject({ records: [], whole: false });
    expect(readUserFile("x.xml", bytes("<people/>")).problems[0]?.reason).toContain("must be a <users> or <user>");
  });
});
