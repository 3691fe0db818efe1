// Landed migrations never change; add a new numbered file instead.
// A 驻村版 laptop's own signed claim to its village and township (electron/sync/boundIds.ts),
// kept with its pin: at a township, from the laptop's bundle; at the district, as the township
// forwarded it with its vouch. Null for a pin made before this version (a township PC's pin,
// which needs none, or a laptop pinned earlier, which the district already holds).
export const sql = `
ALTER TABLE sync_pins ADD COLUMN proof TEXT;
`;
