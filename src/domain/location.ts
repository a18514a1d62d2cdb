import type { Parsed } from './problem.ts';

export interface Location {
  lat: number;
  lng: number;
}

/**
 * Reads `lat,lng`, with an ASCII or a full-width comma.
 *
 * @example parseLocation('27.99，120.70') // { ok: true, value: { lat: 27.99, lng: 120.7 } }
 */
export function parseLocation(typed: string): Parsed<Location> {
  const text = typed.normalize('NFKC');
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*[,，]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) return { ok: false, code: 'location.format', params: { value: text.trim() } };
  const lat = Number(match[1]);
  const lng = Number(match[2]);
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return { ok: false, code: 'location.range', params: { value: text.trim() } };
  return { ok: true, value: { lat, lng } };
}

export function formatLocation(location: Location): string {
  return `${location.lat},${location.lng}`;
}
