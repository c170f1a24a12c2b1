import type { UnitType } from '../../shared/domain/unit-types';
import { UnitsAdmin } from './units-admin.svelte';

/** The name-and-type form of a unit, for adding one and for renaming one in place: its fields and their check. */
export class UnitForm {
  name = $state('');
  type = $state<UnitType>('puskesmas');
  nameError = $state<string | undefined>();

  constructor(name = '', type: UnitType = 'puskesmas') {
    this.name = name;
    this.type = type;
  }

  /** A keystroke in the name: the old message goes until the next check. */
  setName(name: string): void {
    this.name = name;
    this.nameError = undefined;
  }

  /** The name and type as they will be stored, or undefined with the message shown beside the name. */
  check(): { name: string; type: UnitType } | undefined {
    const checked = UnitsAdmin.check(this.name, this.type);
    if (checked.ok) return { name: checked.name, type: checked.type };
    this.nameError = checked.nameError;
    return undefined;
  }
}
