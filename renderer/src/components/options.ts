/** Select options whose value is their own label (the registers' fixed vocabularies). */
export const options = <T extends string>(values: readonly T[]) => values.map((v) => ({ value: v, label: v }));
