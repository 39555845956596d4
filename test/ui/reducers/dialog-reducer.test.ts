import {describe, expect, it} from 'vitest';
import {confirmDialog, dialogReducer, typeConfirmDialog, type Intent} from '../../../source/ui/screens/logout/dialog-reducer.js';
import {dialogText} from '../../../source/ui/screens/logout/dialog-text.js';

const logoutAll: Intent = {kind: 'logout-all', environment: 'prod', count: 3, ids: ['a', 'b', 'c']};

describe('dialogReducer', () => {
	it('confirms a y/N question only on submit', () => {
		const dialog = confirmDialog({kind: 'logout', environment: 'prod', id: 'a', name: 'Alpha', storage: 'file'});
		expect(dialogReducer(dialog, {type: 'type', text: 'x'})).toEqual({dialog, confirmed: null});
		expect(dialogReducer(dialog, {type: 'submit'})).toEqual({dialog: null, confirmed: dialog.intent});
		expect(dialogText(dialog)).toEqual({
			title: 'Log out of Alpha (prod)?',
			detail: 'Deletes its token from auth.json and forgets it, as ntn logout does.',
			hint: 'y yes · N no (Enter/Esc)',
		});
	});

	it('asks for the exact environment name before logging out of all', () => {
		let step = dialogReducer(typeConfirmDialog(logoutAll, 'prod'), {type: 'type', text: 'p'});
		for (const character of 'rd') step = dialogReducer(step.dialog!, {type: 'type', text: character});
		step = dialogReducer(step.dialog!, {type: 'submit'});
		expect(step.confirmed).toBeNull();
		expect(step.dialog).toMatchObject({typed: 'prd', mismatch: true});
		expect(dialogText(step.dialog!).hint).toBe('Value must be exactly prod. Esc cancels.');
		step = dialogReducer(step.dialog!, {type: 'delete'});
		step = dialogReducer(step.dialog!, {type: 'delete'});
		for (const character of 'rod') step = dialogReducer(step.dialog!, {type: 'type', text: character});
		expect(step.dialog).toMatchObject({typed: 'prod', mismatch: false});
		step = dialogReducer(step.dialog!, {type: 'submit'});
		expect(step).toEqual({dialog: null, confirmed: logoutAll});
	});

	it('says a revoked stored token means logging in again', () => {
		const text = dialogText(confirmDialog({kind: 'revoke', tokenId: 't1', environment: 'prod', label: 'the stored token ntn_…abcd of Alpha', isStored: true}));
		expect(text.title).toBe('Revoke the stored token ntn_…abcd of Alpha in Notion?');
		expect(text.detail).toContain('ntn then needs `ntn login` again');
	});
});
