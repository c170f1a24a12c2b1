/**
 * The form that adds or edits a person without an account (name, units, position): its fields, its validation
 * by the shared schema, and the body it saves. An account's person record is never edited here (the server keeps
 * it from the account).
 */
import { newPersonBody } from '../../shared/domain/people';
import { personBodySchema, type BodyOf, type Person } from '../../shared/records';
import { localizeMessage } from '../i18n/index.svelte';

export class PersonForm {
  /** The person being edited; null while adding a new one. */
  readonly editing: Person | null;
  name = $state('');
  position = $state('');
  unitIds = $state<string[]>([]);
  #nameError = $state<string | undefined>();
  #positionError = $state<string | undefined>();

  constructor(editing: Person | null, defaults: { unitIds?: readonly string[] } = {}) {
    this.editing = editing;
    this.name = editing?.name ?? '';
    this.position = editing?.position ?? '';
    this.unitIds = [...(editing?.unitIds ?? defaults.unitIds ?? [])];
  }

  get nameError(): string | undefined {
    return this.#nameError;
  }
  get positionError(): string | undefined {
    return this.#positionError;
  }

  toggleUnit(unitId: string, on: boolean): void {
    const others = this.unitIds.filter((u) => u !== unitId);
    this.unitIds = on ? [...others, unitId] : others;
  }

  clearErrors(): void {
    this.#nameError = undefined;
    this.#positionError = undefined;
  }

  /** The body to save, or null (with the messages set) when a field is not valid. */
  body(): BodyOf<'person'> | null {
    const fresh = newPersonBody({ name: this.name, unitIds: this.unitIds, position: this.position });
    // Editing keeps what this form does not show (a demo person stays demo).
    const body: BodyOf<'person'> = this.editing
      ? {
          ...fresh,
          demo: this.editing.demo,
          role: this.editing.role,
          hasAccount: false,
        }
      : fresh;
    const parsed = personBodySchema.safeParse(body);
    this.clearErrors();
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const message = localizeMessage(issue.message);
      if (issue.path[0] === 'name') this.#nameError ??= message;
      else if (issue.path[0] === 'position') this.#positionError ??= message;
    }
    // Any other issue (too many units) shows under the name: it is the first field.
    this.#nameError ??= this.#positionError ? undefined : localizeMessage(parsed.error.issues[0]!.message);
    return null;
  }
}
