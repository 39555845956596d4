import {formTitle} from '../saved/saved-form.js';
import type {Dialog, Intent} from './dialog-reducer.js';

/** The words of a dialog: a question, what it will do, and the keys or the typing hint. */
export interface DialogText {
	readonly title: string;
	readonly detail: string;
	readonly hint: string;
}

function describe(intent: Intent): {title: string; detail: string} {
	switch (intent.kind) {
		case 'remove-saved':
			return {
				title: `Remove the saved token "${intent.label}" (${intent.masked})?`,
				detail: 'Deletes it from notion-tokens; it works at Notion until you revoke it in the Developer portal.',
			};
		case 'save-form':
			return intent.offline
				? {title: `Save "${intent.values.label ?? ''}" without asking Notion? It could not be reached.`, detail: intent.reason ?? ''}
				: {title: 'Saving…', detail: ''};
		case 'logout':
			return {
				title: `Log out of ${intent.name} (${intent.environment})?`,
				detail: `Deletes its token from ${intent.storage === 'file' ? 'auth.json' : 'the keychain'} and forgets it, as ntn logout does.`,
			};
		case 'logout-all':
			return {
				title: `Log out of all ${intent.count} workspace${intent.count === 1 ? '' : 's'} in ${intent.environment}?`,
				detail: `Deletes their tokens and the ${intent.environment} default, exactly like ntn logout.`,
			};
		case 'admin-revoke': {
			const count = intent.ids.length;
			const where = intent.workspace.name ?? intent.workspace.id;
			return {
				title: `Revoke ${count === 1 && intent.label ? intent.label : `${count} PAT${count === 1 ? '' : 's'}`} in ${where}?`,
				detail: `${count === 1 ? 'It stops' : 'They stop'} working at once, for scripts, tools and Workers. This cannot be undone.`,
			};
		}
		case 'revoke':
			return {
				title: `Revoke ${intent.label} in Notion?`,
				detail: intent.isStored ? 'It stops working at once; ntn then needs `ntn login` again.' : 'It stops working at once. This cannot be undone.',
			};
	}
}

export function dialogText(dialog: Dialog): DialogText {
	if (dialog.kind === 'form') return {title: formTitle(dialog.purpose), detail: '', hint: ''};
	const {title, detail} = describe(dialog.intent);
	if (dialog.kind === 'confirm' && dialog.intent.kind === 'save-form') {
		return {title, detail, hint: 'y yes, save it (whom it acts as stays unknown) · N no, back to the form (Enter/Esc)'};
	}
	if (dialog.kind === 'confirm') return {title, detail, hint: 'y yes · N no (Enter/Esc)'};
	return {
		title,
		detail: dialog.note ?? detail,
		hint: dialog.mismatch
			? `Value must be exactly ${dialog.expected}. Esc cancels.`
			: `Type ${dialog.expected} and press Enter to confirm, or press Esc to cancel.`,
	};
}
