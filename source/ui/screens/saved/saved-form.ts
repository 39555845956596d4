import type {TokenRow} from '../../../core/index.js';
import {symbols} from '../../../text/index.js';

/** A field of a saved-token form; a masked field is shown as dots and never as text. */
export interface FormField {
	readonly name: 'label' | 'token' | 'expires' | 'lifetime' | 'note';
	readonly title: string;
	readonly value: string;
	readonly masked: boolean;
	readonly required: boolean;
	/** Shown after the value while it is empty. */
	readonly placeholder: string;
}

/** What the form saves: a new token, a saved token's expiry and note, or its replacement. */
export type FormPurpose = {readonly kind: 'add'} | {readonly kind: 'edit'; readonly label: string} | {readonly kind: 'rotate'; readonly label: string};

export interface FormDialog {
	readonly kind: 'form';
	readonly purpose: FormPurpose;
	readonly fields: readonly FormField[];
	readonly focus: number;
	/** Why the last Enter did not save. */
	readonly problem: string | null;
}

/** The values of a submitted form, by field name (empty fields left out). */
export type FormValues = Partial<Record<FormField['name'], string>>;

const field = (name: FormField['name'], title: string, options: Partial<FormField> = {}): FormField => ({
	name,
	title,
	value: '',
	masked: false,
	required: false,
	placeholder: '',
	...options,
});

const DATE_HINT = 'YYYY-MM-DD, or leave empty';
const LIFETIME_HINT = '7d 30d 90d 180d 1y (from today), or leave empty';

const addFields = (): FormField[] => [
	field('label', 'Label', {required: true, placeholder: 'A-Z a-z 0-9 . _ -'}),
	field('token', 'Token', {required: true, masked: true, placeholder: 'paste it: it is not shown'}),
	field('expires', 'Expires', {placeholder: DATE_HINT}),
	field('lifetime', 'Lifetime', {placeholder: LIFETIME_HINT}),
	field('note', 'Note', {placeholder: 'optional'}),
];

const editFields = (expires = '', note = ''): FormField[] => [
	field('expires', 'Expires', {value: expires, placeholder: DATE_HINT}),
	field('lifetime', 'Lifetime', {placeholder: LIFETIME_HINT}),
	field('note', 'Note', {value: note, placeholder: 'empty removes it'}),
];

const rotateFields = (): FormField[] => [field('token', 'New token', {required: true, masked: true, placeholder: 'paste it: it is not shown'})];

export const addForm = (): FormDialog => ({kind: 'form', purpose: {kind: 'add'}, fields: addFields(), focus: 0, problem: null});

const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : '');

export const editForm = (row: TokenRow): FormDialog => ({
	kind: 'form',
	purpose: {kind: 'edit', label: row.label ?? ''},
	fields: editFields(day(row.saved?.expiresAt ?? null), row.saved?.note ?? ''),
	focus: 0,
	problem: null,
});

export const rotateForm = (row: TokenRow): FormDialog => ({
	kind: 'form',
	purpose: {kind: 'rotate', label: row.label ?? ''},
	fields: rotateFields(),
	focus: 0,
	problem: null,
});

/** The form of `purpose` again, with the values it was submitted with and why it did not save; Enter saves again. */
export function refilledForm(purpose: FormPurpose, values: FormValues, problem: string): FormDialog {
	const fields = (purpose.kind === 'add' ? addFields() : purpose.kind === 'rotate' ? rotateFields() : editFields()).map(entry => ({
		...entry,
		value: values[entry.name] ?? '',
	}));
	return {kind: 'form', purpose, fields, focus: fields.length - 1, problem};
}

export type FormAction = {type: 'type'; text: string} | {type: 'delete'} | {type: 'next'} | {type: 'previous'} | {type: 'submit'};

/** Longest value a field takes (a token is well under this). */
const MAX_VALUE = 4096;

export function formReducer(form: FormDialog, action: FormAction): {form: FormDialog; submitted: FormValues | null} {
	const update = (change: (value: string) => string): FormDialog => ({
		...form,
		problem: null,
		fields: form.fields.map((entry, index) => (index === form.focus ? {...entry, value: change(entry.value).slice(0, MAX_VALUE)} : entry)),
	});
	switch (action.type) {
		case 'type':
			return {form: update(value => value + action.text), submitted: null};
		case 'delete':
			return {form: update(value => [...value].slice(0, -1).join('')), submitted: null};
		case 'next':
			return {form: {...form, focus: (form.focus + 1) % form.fields.length}, submitted: null};
		case 'previous':
			return {form: {...form, focus: (form.focus + form.fields.length - 1) % form.fields.length}, submitted: null};
		case 'submit': {
			const missing = form.fields.find(entry => entry.required && entry.value.trim() === '');
			if (missing) return {form: {...form, focus: form.fields.indexOf(missing), problem: `${missing.title} is needed.`}, submitted: null};
			// Enter on a field before the last moves on; on the last one it saves.
			if (form.focus < form.fields.length - 1 && form.purpose.kind === 'add') return {form: {...form, focus: form.focus + 1}, submitted: null};
			const values: FormValues = {};
			for (const entry of form.fields) {
				const value = entry.name === 'note' ? entry.value : entry.value.trim();
				if (value !== '' || (entry.name === 'note' && form.purpose.kind === 'edit')) values[entry.name] = value;
			}
			return {form, submitted: values};
		}
	}
}

/** The shown value of a field: a masked one only by its length. */
export function shownValue(entry: FormField): string {
	if (!entry.masked) return entry.value;
	const length = [...entry.value].length;
	return length === 0 ? '' : `${symbols.secret.repeat(Math.min(length, 12))} (${length} characters)`;
}

export function formTitle(purpose: FormPurpose): string {
	switch (purpose.kind) {
		case 'add':
			return "Save a token (a PAT or an internal connection's token); Notion is asked whom it acts as";
		case 'edit':
			return `Edit "${purpose.label}": its expiry (as the Developer portal showed it) and note`;
		case 'rotate':
			return `Replace the token of "${purpose.label}"; the new one must act as the same person or bot`;
	}
}
