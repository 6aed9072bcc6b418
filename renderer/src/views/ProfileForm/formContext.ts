/** What every part of the profile form gets: the values, the setters and each field's messages. */
import type { ProfileFormValues, SecretField, SecretValues, FormField, TextField } from '../../lib/profileForm';

export interface FieldMessages {
  error?: string;
  warning?: string;
}

export interface FormParts {
  mode: 'add' | 'edit';
  values: ProfileFormValues;
  set<K extends keyof ProfileFormValues>(field: K, value: ProfileFormValues[K]): void;
  /** Secrets: write-only, local to the form. */
  secrets: SecretValues;
  setSecret(field: SecretField, value: string): void;
  messages(field: FormField): FieldMessages;
  /** Marks a field as visited (its errors show from then on). */
  touch(field: FormField): void;
  /** The profile being edited (the source picker leaves it out). */
  selfId?: string;
}

export type TextFieldName = TextField;
