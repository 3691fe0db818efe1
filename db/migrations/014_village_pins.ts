// Landed migrations never change; add a new numbered file instead.
// 驻村版 laptops in the pin table. A pin with a village_id is a village work team's laptop,
// pinned to that village: at a township, by its own import of the laptop's first bundle; at the
// district, as vouched for by the township (township_code) in its signed bundle header. A pin
// without one stays what it was: a township installation, pinned at the district.
export const sql = `
ALTER TABLE sync_pins ADD COLUMN village_id TEXT;
`;
