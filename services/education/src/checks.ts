import { badInput } from '@hub/kit';

/** Free text as given, trimmed, or null to clear it: at most 2,000 characters, else BAD_USER_INPUT naming `field`. */
export function checkedText(field: string, given: string | null | undefined): string | null {
  if (given === null || given === undefined) return null;
  const text = given.trim();
  if (!text || text.length > 2000) throw badInput(field, 'must hold 1 to 2,000 characters (or null).');
  return text;
}

/** A number of people: a whole number, 0 or more, or null when unknown. */
export function checkedCount(field: string, given: number | null | undefined): number | null {
  if (given === null || given === undefined) return null;
  if (!Number.isInteger(given) || given < 0) throw badInput(field, `${given} is not a number of people (0 or more).`);
  return given;
}

/** A share between 0 and 1 (0.6 for 60%), or null when unknown. */
export function checkedShare(field: string, given: number | null | undefined): number | null {
  if (given === null || given === undefined) return null;
  if (!(given >= 0 && given <= 1)) throw badInput(field, `${given} is not a share from 0 to 1 (0.6 for 60%).`);
  return given;
}

/** A calendar year (1900 to 2100), or null when the source gives none. */
export function checkedYear(field: string, given: number | null | undefined): number | null {
  if (given === null || given === undefined) return null;
  if (!Number.isInteger(given) || given < 1900 || given > 2100) throw badInput(field, `${given} is not a year (1900 to 2100).`);
  return given;
}
