/** Text without accents, in lower case: "Liège" → "liege" (in SQL: hub_fold). No imports: the test set-up loads it. */
export const foldText = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
