// The directory's units, read once per page load: the register's unit filter lists them, and rows and cards show a
// unit by its short name (DOM, DIDECO) where the full one would not fit.
import { useEffect, useState } from 'react';
import type { Directory } from '../../../protocol';
import { getJson } from '../api';

export type Units = Directory['units'];

let cached: Promise<Units> | undefined;

function loadUnits(): Promise<Units> {
  cached ??= getJson<{ units: Units }>('/api/v1/unidades').then(
    (r) => r.units,
    (e: unknown) => {
      cached = undefined; // try again next time
      throw e;
    },
  );
  return cached;
}

/** The units, or an empty list until they arrive (or if they cannot be read: names then show in full). */
export function useUnits(): Units {
  const [units, setUnits] = useState<Units>([]);
  useEffect(() => {
    let live = true;
    loadUnits().then(
      (u) => live && setUnits(u),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return units;
}

/** Short name of a unit by id, or the given full name when the unit is unknown. */
export function shortNames(units: Units): (id: string, fullName: string) => string {
  const map = new Map(units.map((u) => [u.id, u.shortName]));
  return (id, fullName) => map.get(id) ?? fullName;
}
