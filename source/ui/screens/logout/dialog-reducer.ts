import type {AdminWorkspace, Environment} from '../../../core/index.js';
import {formReducer, type FormDialog, type FormPurpose, type FormValues} from '../saved/saved-form.js';

/** What a confirmed dialog does. */
export type Intent =
	| {readonly kind: 'logout'; readonly environment: Environment; readonly id: string; readonly name: string; readonly storage: string}
	/** `ids`: the workspaces counted when asking; the logout checks that they are still exactly these. */
	| {readonly kind: 'logout-all'; readonly environment: Environment; readonly count: number; readonly ids: readonly string[]}
	| {
			readonly kind: 'revoke';
			readonly tokenId: string;
			readonly environment: Environment | undefined;
			/** What the token is, e.g. `Acme (prod), stored token ntn_…abcd`. */
			readonly label: string;
			/** True for the token ntn has stored for a workspace. */
			readonly isStored: boolean;
	  }
	| {
			readonly kind: 'admin-revoke';
			readonly workspace: AdminWorkspace;
			readonly ids: readonly string[];
			/** The one PAT's name and creator, when there is one. */
			readonly label: string | null;
	  }
	| {readonly kind: 'remove-saved'; readonly label: string; readonly masked: string}
	/**
	 * A submitted saved-token form (the values hold a token only for add and rotate, in memory);
	 * `offline`: saved without asking Notion whom the token acts as.
	 */
	| {readonly kind: 'save-form'; readonly purpose: FormPurpose; readonly values: FormValues; readonly offline?: boolean; readonly reason?: string};

/**
 * A question that takes over the keyboard: y/N for one workspace or one token, or typing the
 * environment's name before logging out of all of its workspaces.
 */
export type Dialog =
	| {readonly kind: 'confirm'; readonly intent: Intent}
	| {
			readonly kind: 'type-confirm';
			readonly intent: Intent;
			readonly expected: string;
			readonly typed: string;
			readonly mismatch: boolean;
			/** Why the question is asked again (what changed on disk), shown instead of the detail. */
			readonly note?: string;
	  }
	| FormDialog;

export type DialogAction = {type: 'type'; text: string} | {type: 'delete'} | {type: 'submit'} | {type: 'next'} | {type: 'previous'};

export interface DialogStep {
	/** The dialog after the action; null when it closed. */
	readonly dialog: Dialog | null;
	/** Set when the user confirmed. */
	readonly confirmed: Intent | null;
}

export const confirmDialog = (intent: Intent): Extract<Dialog, {kind: 'confirm'}> => ({kind: 'confirm', intent});

export const logoutAllIntent = (environment: Environment, ids: readonly string[]): Intent => ({kind: 'logout-all', environment, count: ids.length, ids});

/** The same workspaces, in any order. */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
	if (a.length !== b.length) return false;
	const set = new Set(a);
	return b.every(id => set.has(id));
}

export const typeConfirmDialog = (intent: Intent, expected: string, note?: string): Extract<Dialog, {kind: 'type-confirm'}> => ({
	kind: 'type-confirm',
	intent,
	expected,
	typed: '',
	mismatch: false,
	...(note === undefined ? {} : {note}),
});

const MAX_TYPED = 64;

export function dialogReducer(dialog: Dialog, action: DialogAction): DialogStep {
	if (dialog.kind === 'form') {
		const step = formReducer(dialog, action);
		return step.submitted
			? {dialog: null, confirmed: {kind: 'save-form', purpose: dialog.purpose, values: step.submitted}}
			: {dialog: step.form, confirmed: null};
	}
	if (dialog.kind === 'confirm') {
		// y/N: only an explicit submit (the `y` key) confirms.
		return action.type === 'submit' ? {dialog: null, confirmed: dialog.intent} : {dialog, confirmed: null};
	}
	switch (action.type) {
		case 'type':
			return {dialog: {...dialog, typed: (dialog.typed + action.text).slice(0, MAX_TYPED), mismatch: false}, confirmed: null};
		case 'delete':
			return {dialog: {...dialog, typed: [...dialog.typed].slice(0, -1).join(''), mismatch: false}, confirmed: null};
		case 'next':
		case 'previous':
			return {dialog, confirmed: null};
		case 'submit':
			return dialog.typed === dialog.expected ? {dialog: null, confirmed: dialog.intent} : {dialog: {...dialog, mismatch: true}, confirmed: null};
	}
}
