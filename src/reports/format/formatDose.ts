/**
 * A parameter value for people, in the parameter's own unit: three significant digits below
 * 1000 (`23.4`, `0.35`, `512`), a whole number above (`1234`); trailing zeros dropped.
 */
export function formatDose(dose: number): string {
  if (Math.abs(dose) >= 1000) return Math.round(dose).toString();
  return String(Number(dose.toPrecision(3)));
}
