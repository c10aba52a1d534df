/**
 * Number formatting shared by the charts. ECharts' default labels print small numbers in full
 * ("0.0000001"), which a narrow axis then clips; these keep every label a few characters long.
 */

/** A short label: 3 significant digits in the ordinary range, scientific notation outside it. */
export function shortNumber(value: number): string {
  if (value === 0 || !Number.isFinite(value)) {
    return String(value);
  }
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e5) {
    return String(Number(value.toPrecision(3)));
  }
  return compactExponent(value.toExponential(1));
}

/** "1.0e-7" reads as "1e-7", "2.5e+6" as "2.5e6". */
function compactExponent(text: string): string {
  return text.replace(/\.0e/, 'e').replace('e+', 'e');
}

/** Percent label for a share between 0 and 1. */
export function percent(value: number): string {
  return `${Number((value * 100).toPrecision(3))}%`;
}
