/** Human-readable amounts for the pictures: the units kubectl users read every day. */

/** Millicores → "250m", "1.5 cores". */
export function formatCpu(millicores: number): string {
  if (millicores < 1000) return `${Math.round(millicores)}m`;
  const cores = millicores / 1000;
  return `${trim(cores)} ${cores === 1 ? 'core' : 'cores'}`;
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Bytes → "128 MiB", "1.5 GiB". */
export function formatBytes(bytes: number): string {
  let v = bytes;
  let unit = 0;
  while (Math.abs(v) >= 1024 && unit < BINARY_UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  return `${trim(v)} ${BINARY_UNITS[unit]}`;
}

/** Virtual seconds → "42 s", "3 m 20 s". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (m < 60) return rest ? `${m} m ${rest} s` : `${m} m`;
  const h = Math.floor(m / 60);
  return `${h} h ${m % 60} m`;
}

/** "t+42s" style stamp for event lists, fixed width friendly. */
export function formatStamp(seconds: number): string {
  return `${Math.round(seconds * 10) / 10}s`;
}

export function percent(part: number, whole: number): number {
  if (!(whole > 0)) return part > 0 ? 100 : 0;
  return (part / whole) * 100;
}

function trim(v: number): string {
  return (Math.round(v * 100) / 100).toString();
}

export { plural } from '../engine/text/plural';
