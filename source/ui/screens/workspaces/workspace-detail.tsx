import {Box} from 'ink';
import {fieldOf} from '../../components/field.js';
import {Text} from '../../components/text.js';
import type {TokenRow} from '../../../core/index.js';
import {formatDate, tokenPresence} from '../../format.js';
import {useTheme} from '../../theme.js';
import {workspaceOverride} from './in-use.js';
import {selectedWorkspace, type WorkspacesState} from './workspaces-reducer.js';

const Field = fieldOf(9);

/** One workspace in full: its whole id (which the list cuts to 8 characters), default, use, token. */
export function WorkspaceDetail({state, token}: {readonly state: WorkspacesState; readonly token: TokenRow | undefined}) {
	const theme = useTheme();
	const row = selectedWorkspace(state);
	if (!row || !state.inventory) return null;
	const presence = tokenPresence(row);
	const override = workspaceOverride(state.inventory);
	const fallback = state.inventory.workspaces.find(entry => entry.isDefault && entry.environment === row.environment);
	// Read after the field's name: "ntn uses …".
	const used =
		override === null
			? row.isDefault
				? `this workspace, the default of ${row.environment} (no override in this shell)`
				: fallback
					? `★ ${fallback.name}, the default of ${row.environment}, not this one`
					: `no workspace: ${row.environment} has no default`
			: override === row.id
				? 'this workspace: NOTION_WORKSPACE_ID names it in this shell'
				: 'the workspace NOTION_WORKSPACE_ID names in this shell, not this one';
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">
				{row.name}{' '}
				<Text bold={false} color={theme.color('muted')}>
					· {row.environment}
				</Text>
			</Text>
			{/* The whole id on a line of its own, so that it can be selected even where OSC 52 is refused. */}
			<Field name="Id">
				<Text bold>{row.id}</Text>
			</Field>
			<Field name="Default">{row.isDefault ? `★ yes, of ${row.environment}` : 'no'}</Field>
			<Field name="ntn uses">{used}</Field>
			<Field name="Token">
				<Text color={theme.color(presence.tone)}>
					{presence.symbol} {row.token.state === 'present' ? row.token.masked : presence.text}
				</Text>
				{row.token.state === 'present' && row.token.tokenId ? ` · id ${row.token.tokenId}` : ''}
				{token?.expiresAt ? ` · expires ${formatDate(token.expiresAt)}` : ''}
			</Field>
			<Field name="Storage">{row.storage === 'file' ? 'auth.json' : 'the keychain'}</Field>
			<Text wrap="truncate-end" color={theme.color('muted')}>
				c copies the whole id to the clipboard · Esc goes back
			</Text>
		</Box>
	);
}
