import type {CheckOutcome, Environment, FixPermissionsResult, LogoutResult, RevokeResult, TokenRow, UseResult} from '../../core/index.js';
import type {DetailEntry} from '../screens/tokens/tokens-reducer.js';
import {outcomeLabel} from '../format.js';
import type {Notice} from './notice.js';

/** Turns the core's results into the line the user reads afterwards. */

export function revokeLabel(row: TokenRow, other?: DetailEntry): string {
	if (other) return `token ${other.name ? `"${other.name}" ` : ''}(${other.id ?? 'no id'}) of ${row.workspaceName ?? 'this workspace'}`;
	if (row.source === 'override') return `the NOTION_API_TOKEN token ${row.masked}`;
	if (row.source === 'listed')
		return `token ${row.tokenName ?? row.tokenId ?? ''} of ${row.workspaceName ?? row.workspaceId ?? 'this workspace'} (listed by Notion)`;
	return `the stored token ${row.masked} of ${row.workspaceName ?? row.workspaceId ?? 'this workspace'}`;
}

export function useNotice(result: UseResult, switchedBack: boolean): Notice {
	const was = result.previous ? `was ${result.previous.name}` : 'there was none';
	const text = `${switchedBack ? 'Switched back: ' : ''}★ ${result.current.name} is now the default of ${result.environment} (${was}).`;
	const notes = [...result.warnings];
	// The line above the list names the variable; this says what it means for the switch.
	if (result.shadowedBy) notes.push('In this shell ntn keeps using the workspace marked ⚑ above; the new default applies where that variable is unset.');
	return notes.length > 0 ? {tone: 'warning', text, fix: notes.join(' ')} : {tone: 'success', text};
}

export const noPreviousNotice = (environment: Environment): Notice => ({
	tone: 'info',
	text: `No previous default of ${environment} to switch back to yet: Enter makes the selected workspace the default.`,
});

function defaultSentence(environment: Environment, result: LogoutResult | undefined): string {
	return result?.defaultWorkspaceName ? `The default of ${environment} is now ${result.defaultWorkspaceName}.` : `${environment} has no default workspace now.`;
}

function keptSentence(results: readonly LogoutResult[]): string | null {
	const kept = results.flatMap(result => result.tokensKept);
	if (kept.length === 0) return null;
	return kept.map(item => `Token of ${item.id} kept: ${item.reason}`).join(' ');
}

export function logoutNotice(result: LogoutResult): Notice {
	const names = result.removed.map(row => row.name).join(', ') || 'nothing';
	return {tone: 'success', text: `Logged out of ${names} (${result.environment}). ${defaultSentence(result.environment, result)}`, fix: keptSentence([result])};
}

export function logoutAllNotice(environment: Environment, results: readonly LogoutResult[]): Notice {
	const removed = results.reduce((sum, result) => sum + result.removed.length, 0);
	const mine = results.find(result => result.environment === environment);
	const text =
		removed === 0
			? `Already logged out of ${environment}.`
			: `Logged out of ${removed} workspace${removed === 1 ? '' : 's'} in ${environment}. ${defaultSentence(environment, mine)}`;
	return {tone: 'success', text, fix: keptSentence(results)};
}

export function revokeNotice(result: RevokeResult): Notice {
	if (result.storedFor) {
		const where = `${result.storedFor.workspaceName} (${result.storedFor.environment})`;
		return {
			tone: 'warning',
			text: `Revoked token ${result.tokenId}. It was the stored token of ${where}.`,
			fix: `ntn will need \`ntn login\` again for ${result.storedFor.workspaceName}.`,
		};
	}
	return {tone: 'success', text: `Revoked token ${result.tokenId}.`};
}

const ORDER: readonly CheckOutcome[] = ['valid', 'invalid', 'forbidden', 'rate-limited', 'server-error', 'offline', 'timeout', 'malformed', 'unchecked'];

/**
 * `Checked 4 tokens: 2 ✓ valid · 1 ✗ invalid or revoked · 1 ⧗ rate-limited (retry in 30 s)`, from
 * each token's latest attempt; when some got no answer, that what was known is kept.
 */
export function refreshNotice(all: readonly TokenRow[]): Notice {
	// Tokens Notion only lists are not checked: only the ones held here are.
	const rows = all.filter(row => row.source !== 'listed');
	if (rows.length === 0) return {tone: 'info', text: 'There are no tokens to check.'};
	const latest = rows.map(row => row.lastAttempt ?? row.check);
	const counts = new Map<CheckOutcome, number>();
	for (const check of latest) counts.set(check.outcome, (counts.get(check.outcome) ?? 0) + 1);
	const retry = Math.max(0, ...latest.map(check => (check.outcome === 'rate-limited' ? (check.retryAfterSeconds ?? 0) : 0)));
	const parts = ORDER.filter(outcome => counts.has(outcome)).map(outcome => {
		const label = outcomeLabel(outcome);
		const extra = outcome === 'rate-limited' && retry > 0 ? ` (retry in ${retry} s)` : '';
		return `${counts.get(outcome)} ${label.symbol} ${label.text}${extra}`;
	});
	const allValid = counts.get('valid') === rows.length;
	const unanswered = rows.filter(row => row.lastAttempt !== null && row.check.outcome !== 'unchecked').length;
	const kept = unanswered === 0 ? null : `No answer for ${unanswered} token${unanswered === 1 ? '' : 's'}: what Notion said before is kept and shown.`;
	const text = `Checked ${rows.length} token${rows.length === 1 ? '' : 's'}: ${parts.join(' · ')}`;
	return {tone: allValid ? 'success' : 'warning', text, ...(kept ? {fix: kept} : {})};
}

/** A refresh stopped with Esc: the rows hold the answers that came, the others what was known. */
export function refreshCancelledNotice(done: number, total: number): Notice {
	return {tone: 'warning', text: `Refresh cancelled: ${done} of ${total} answered; the rest keep what was known.`};
}

const mode = (value: number | null): string => (value === null ? '—' : value.toString(8).padStart(3, '0'));

export function permissionsNotice(result: FixPermissionsResult): Notice {
	if (result.before === null) return {tone: 'info', text: `There is no ${result.path} to fix.`};
	if (!result.changed) return {tone: 'info', text: `${result.path} was already private (${mode(result.before)}).`};
	return {tone: 'success', text: `${result.path} is now ${mode(result.after)} (was ${mode(result.before)}): only you can read it.`};
}

/** The copied text is shown too: OSC 52 is refused by some terminals, and then it is copied from here. */
export const copyNotice = (what: string, text: string): Notice => ({
	tone: 'success',
	text: `Copied ${what} to the clipboard: ${text}`,
	fix: 'Sent with OSC 52; where the terminal does not allow that, select the id above.',
});
