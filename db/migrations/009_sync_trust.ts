// Landed migrations never change; add a new numbered file instead.
// District side: pins can be revoked (with who, when and why), and an imported full bundle can
// be the township's truth for its scope; such a bundle (or the first one under a key that took
// over a revoked pin) starts its installation's chain afresh.
export const sql = `
ALTER TABLE sync_pins ADD COLUMN revoked_at TEXT;
ALTER TABLE sync_pins ADD COLUMN revoked_by TEXT;
ALTER TABLE sync_pins ADD COLUMN revoke_reason TEXT;
CREATE INDEX sync_pins_key ON sync_pins (public_key);
ALTER TABLE sync_in ADD COLUMN chain_start INTEGER NOT NULL DEFAULT 0;
`;
