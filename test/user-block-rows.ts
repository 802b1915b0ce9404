/** A user_blocks row as an insert takes it: the rows the tests of db/prepared*.ts write. */
export type BlockRow = {
  institution_id: number;
  user_id: number;
  block_type: string;
  note: string | null;
  expires_at: string | null;
  created_at: string;
};

export const blockRow = (
  user: { id: number; institutionId: number },
  note: string,
  expires: string | null = null,
): BlockRow => ({
  institution_id: user.institutionId,
  user_id: user.id,
  block_type: "GENERAL",
  note,
  expires_at: expires,
  created_at: "2026-03-02T09:00:00.000Z",
});
