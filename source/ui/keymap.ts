/**
 * Every key of the terminal UI, as data. The footer (keys of the current context), the `?` overlay
 * and the README's key table are all generated from this list, so they cannot drift apart.
 */

/** Where a binding applies: a screen, or a mode that takes over the keyboard. */
export const CONTEXTS = [
	'workspaces',
	'workspace',
	'filter',
	'tokens',
	'detail',
	'expiring',
	'admin-pick',
	'admin',
	'admin-detail',
	'confirm',
	'type-confirm',
	'refreshing',
	'form',
	'help',
] as const;
export type Context = (typeof CONTEXTS)[number];

export const CONTEXT_TITLES: Record<Context, string> = {
	workspaces: 'Workspaces',
	workspace: 'Workspace details',
	filter: 'Filtering',
	tokens: 'Tokens',
	detail: 'Token details',
	expiring: 'Expiring',
	'admin-pick': 'Admin: workspace',
	admin: 'Admin',
	'admin-detail': 'PAT details',
	confirm: 'y/N question',
	'type-confirm': 'Typed confirmation',
	refreshing: 'Asking Notion',
	form: 'Token form',
	help: 'Help',
};

/** Contexts in which printable keys are text, not commands. */
export const TEXT_CONTEXTS: readonly Context[] = ['filter', 'type-confirm', 'admin-pick', 'form'];

export const ACTIONS = [
	'app.interrupt',
	'app.quit',
	'app.help',
	'app.next-screen',
	'app.previous-screen',
	'app.goto-screen',
	'app.environment',
	'app.fix-permissions',
	'nav.up',
	'nav.down',
	'nav.page-up',
	'nav.page-down',
	'nav.first',
	'nav.last',
	'nav.back',
	'workspace.use',
	'workspace.previous',
	'workspace.filter',
	'workspace.logout',
	'workspace.logout-all',
	'workspace.reload',
	'workspace.details',
	'workspace.copy-id',
	'filter.apply',
	'filter.clear',
	'text.delete',
	'token.open',
	'token.refresh',
	'token.revoke',
	'refresh.cancel',
	'saved.add',
	'saved.edit',
	'saved.rotate',
	'saved.remove',
	'form.next',
	'form.previous',
	'form.submit',
	'form.cancel',
	'confirm.yes',
	'confirm.no',
	'type-confirm.submit',
	'type-confirm.cancel',
	'admin.pick',
	'admin.open',
	'admin.filter',
	'admin.mark',
	'admin.revoke',
	'admin.status',
	'admin.sort',
	'admin.quick',
	'admin.creator',
	'admin.reload',
	'admin.workspace',
] as const;
export type ActionId = (typeof ACTIONS)[number];

/** One key as the input layer names it (`up`, `enter`, `ctrl+c`, `j`, `G`) and as it is shown. */
export interface KeySpec {
	readonly name: string;
	readonly label: string;
}

export interface Binding {
	readonly action: ActionId;
	readonly keys: readonly KeySpec[];
	/** Short label for the footer. */
	readonly label: string;
	/** The footer label in a context where the key does something else (Esc quits on Workspaces). */
	readonly labelIn?: Partial<Record<Context, string>>;
	/** Full sentence for the `?` overlay and the README. */
	readonly description: string;
	readonly contexts: readonly Context[];
	/** Left out of the footer (still in the overlay and the README). */
	readonly hideInFooter?: boolean;
	/** Only offered while the core reports this problem code. */
	readonly whenProblem?: string;
}

const key = (name: string, label = name): KeySpec => ({name, label});
const MAIN: readonly Context[] = ['workspaces', 'tokens', 'expiring', 'admin-pick', 'admin'];
const DETAILS: readonly Context[] = ['detail', 'workspace', 'admin-detail'];
const LISTS: readonly Context[] = ['workspaces', 'tokens', 'detail', 'expiring', 'admin-pick', 'admin', 'admin-detail', 'help'];

export const BINDINGS: readonly Binding[] = [
	{action: 'nav.up', keys: [key('up', '↑'), key('k')], label: 'move', description: 'Move up', contexts: [...LISTS, 'filter'], hideInFooter: true},
	{action: 'nav.down', keys: [key('down', '↓'), key('j')], label: 'move', description: 'Move down', contexts: [...LISTS, 'filter'], hideInFooter: true},
	{action: 'nav.page-up', keys: [key('pageup', 'PgUp')], label: 'page up', description: 'One page up', contexts: LISTS, hideInFooter: true},
	{action: 'nav.page-down', keys: [key('pagedown', 'PgDn')], label: 'page down', description: 'One page down', contexts: LISTS, hideInFooter: true},
	{action: 'nav.first', keys: [key('g'), key('home', 'Home')], label: 'first', description: 'Go to the first row', contexts: LISTS, hideInFooter: true},
	{action: 'nav.last', keys: [key('G'), key('end', 'End')], label: 'last', description: 'Go to the last row', contexts: LISTS, hideInFooter: true},
	{
		action: 'workspace.use',
		keys: [key('enter', 'Enter')],
		label: 'default',
		description: 'Make the selected workspace the default of the environment',
		contexts: ['workspaces'],
	},
	{action: 'workspace.previous', keys: [key('-')], label: 'prev', description: 'Switch back to the previous default workspace', contexts: ['workspaces']},
	{action: 'workspace.filter', keys: [key('/')], label: 'filter', description: 'Filter the workspaces as you type', contexts: ['workspaces']},
	{action: 'workspace.logout', keys: [key('d')], label: 'logout', description: 'Log out of the selected workspace (asks y/N)', contexts: ['workspaces']},
	{
		action: 'workspace.logout-all',
		keys: [key('L')],
		label: 'logout all',
		description: 'Log out of every workspace of the environment (type its name to confirm)',
		contexts: ['workspaces'],
	},
	{
		action: 'workspace.reload',
		keys: [key('r')],
		label: 'reload',
		description: "Read ntn's files again, for every screen (they are also followed as they change)",
		contexts: ['workspaces'],
		hideInFooter: true,
	},
	{
		action: 'workspace.details',
		keys: [key('i')],
		label: 'details',
		description: 'Show the selected workspace in full: its whole id, token and storage',
		contexts: ['workspaces'],
		hideInFooter: true,
	},
	{
		action: 'workspace.copy-id',
		keys: [key('c')],
		label: 'copy id',
		description: "Copy the workspace's whole id to the clipboard (OSC 52; the id is shown too)",
		contexts: ['workspaces', 'workspace'],
		hideInFooter: true,
	},
	{action: 'filter.apply', keys: [key('enter', 'Enter')], label: 'keep filter', description: 'Stop typing and keep the filter', contexts: ['filter']},
	{action: 'filter.clear', keys: [key('escape', 'Esc')], label: 'clear', description: 'Clear the filter', contexts: ['filter']},
	{
		action: 'text.delete',
		keys: [key('backspace', 'Backspace')],
		label: 'delete',
		description: 'Delete the last character',
		contexts: ['filter', 'type-confirm', 'admin-pick', 'form'],
		hideInFooter: true,
	},
	{
		action: 'token.open',
		keys: [key('enter', 'Enter')],
		label: 'details',
		description: 'Open the details of the selected token',
		contexts: ['tokens', 'expiring'],
	},
	{
		action: 'token.refresh',
		keys: [key('r')],
		label: 'refresh',
		description: 'Ask Notion: check every token and fetch its dates',
		contexts: ['tokens', 'detail', 'expiring'],
	},
	{action: 'token.revoke', keys: [key('x')], label: 'revoke', description: 'Revoke the selected token in Notion (asks y/N)', contexts: ['tokens', 'detail']},
	{
		action: 'refresh.cancel',
		keys: [key('escape', 'Esc')],
		label: 'cancel',
		description: 'Stop asking Notion: answers that came are kept, the rest keep what was known',
		contexts: ['refreshing'],
	},
	{action: 'saved.add', keys: [key('a')], label: 'add', description: 'Save a token under a label (typed into a masked field)', contexts: ['tokens']},
	{
		action: 'saved.edit',
		keys: [key('E')],
		label: 'edit',
		description: "Edit the selected saved token's expiry and note",
		contexts: ['tokens', 'detail'],
		hideInFooter: true,
	},
	{
		action: 'saved.rotate',
		keys: [key('R')],
		label: 'rotate',
		description: 'Replace the selected saved token (masked field)',
		contexts: ['tokens', 'detail'],
		hideInFooter: true,
	},
	{
		action: 'saved.remove',
		keys: [key('D')],
		label: 'remove',
		description: 'Remove the selected saved token (type its label to confirm)',
		contexts: ['tokens', 'detail'],
		hideInFooter: true,
	},
	{action: 'form.next', keys: [key('tab', 'Tab'), key('down', '↓')], label: 'next field', description: 'Next field', contexts: ['form']},
	{
		action: 'form.previous',
		keys: [key('shift+tab', 'Shift+Tab'), key('up', '↑')],
		label: 'previous field',
		description: 'Previous field',
		contexts: ['form'],
		hideInFooter: true,
	},
	{action: 'form.submit', keys: [key('enter', 'Enter')], label: 'save', description: 'Next field; on the last one, save', contexts: ['form']},
	{action: 'form.cancel', keys: [key('escape', 'Esc')], label: 'cancel', description: 'Cancel: nothing is saved', contexts: ['form']},
	{action: 'confirm.yes', keys: [key('y')], label: 'yes', description: 'Yes, go ahead', contexts: ['confirm']},
	{action: 'confirm.no', keys: [key('n'), key('escape', 'Esc'), key('enter', 'Enter')], label: 'no', description: 'No (the default)', contexts: ['confirm']},
	{
		action: 'type-confirm.submit',
		keys: [key('enter', 'Enter')],
		label: 'confirm',
		description: 'Confirm when the typed name matches',
		contexts: ['type-confirm'],
	},
	{action: 'type-confirm.cancel', keys: [key('escape', 'Esc')], label: 'cancel', description: 'Cancel', contexts: ['type-confirm']},
	{
		action: 'admin.pick',
		keys: [key('enter', 'Enter')],
		label: 'review',
		description: 'Review the PATs of the chosen workspace, or of the id typed',
		contexts: ['admin-pick'],
	},
	{action: 'admin.open', keys: [key('enter', 'Enter')], label: 'details', description: 'Open the details of the selected PAT', contexts: ['admin']},
	{action: 'admin.mark', keys: [key(' ', 'Space')], label: 'mark', description: 'Mark or unmark the selected PAT', contexts: ['admin']},
	{
		action: 'admin.revoke',
		keys: [key('x')],
		label: 'revoke',
		description: 'Revoke the marked PATs, or the selected one (type how many)',
		contexts: ['admin', 'admin-detail'],
	},
	{action: 'admin.filter', keys: [key('/')], label: 'filter', description: 'Filter the PATs as you type (name, creator name or email)', contexts: ['admin']},
	{action: 'admin.status', keys: [key('s')], label: 'status', description: 'Show every status, or only active, expired or revoked PATs', contexts: ['admin']},
	{action: 'admin.sort', keys: [key('o')], label: 'sort', description: 'Sort by expiry, last use or creation', contexts: ['admin']},
	{action: 'admin.quick', keys: [key('f')], label: 'quick', description: 'Quick filter: expired, expiring soon, unused 90+ days, or none', contexts: ['admin']},
	{
		action: 'admin.creator',
		keys: [key('c')],
		label: 'by creator',
		description: "Only the PATs of the selected PAT's creator (again: everyone's)",
		contexts: ['admin'],
	},
	{action: 'admin.reload', keys: [key('r')], label: 'reload', description: 'Fetch the PATs from Notion again', contexts: ['admin'], hideInFooter: true},
	{action: 'admin.workspace', keys: [key('w')], label: 'workspace', description: 'Pick another workspace', contexts: ['admin'], hideInFooter: true},
	{
		action: 'app.goto-screen',
		keys: [key('1'), key('2'), key('3'), key('4')],
		label: 'screens',
		description: 'Go to Workspaces, Tokens, Expiring or Admin (with an admin token)',
		contexts: [...MAIN, ...DETAILS],
		hideInFooter: true,
	},
	{action: 'app.next-screen', keys: [key('tab', 'Tab')], label: 'next', description: 'Next screen', contexts: [...MAIN, ...DETAILS], hideInFooter: true},
	{
		action: 'app.previous-screen',
		keys: [key('shift+tab', 'Shift+Tab')],
		label: 'previous',
		description: 'Previous screen',
		contexts: [...MAIN, ...DETAILS],
		hideInFooter: true,
	},
	{
		action: 'app.environment',
		keys: [key('e')],
		label: 'env',
		description: "Cycle the environment shown (local, dev, stg, prod); ntn's own is unchanged",
		contexts: ['workspaces'],
	},
	{
		action: 'app.fix-permissions',
		keys: [key('p')],
		label: 'fix perms',
		description: 'Make auth.json readable by you only (chmod 600)',
		contexts: MAIN,
		whenProblem: 'auth-file-readable',
	},
	{
		action: 'nav.back',
		keys: [key('escape', 'Esc')],
		label: 'back',
		labelIn: {workspaces: 'quit'},
		description: 'Back or close (other screens go back to Workspaces); quits on Workspaces',
		contexts: [...DETAILS, 'help', ...MAIN],
	},
	{action: 'app.help', keys: [key('?')], label: 'help', description: 'Show or hide every key', contexts: [...MAIN, ...DETAILS, 'help']},
	{action: 'app.quit', keys: [key('q')], label: 'quit', description: 'Quit', contexts: [...MAIN, ...DETAILS, 'help']},
	{action: 'app.interrupt', keys: [key('ctrl+c', 'Ctrl+C')], label: 'quit', description: 'Quit at once, from anywhere', contexts: CONTEXTS, hideInFooter: true},
];

const isPrintable = (name: string): boolean => [...name].length === 1;

/** The keys of a binding that work in a context (printable keys are text while typing). */
export function keysIn(binding: Binding, context: Context): readonly KeySpec[] {
	return TEXT_CONTEXTS.includes(context) ? binding.keys.filter(spec => !isPrintable(spec.name)) : binding.keys;
}

export interface BindingFilter {
	/** Problem codes the core currently reports. */
	readonly problems?: readonly string[];
}

export function bindingsFor(context: Context, filter: BindingFilter = {}): Binding[] {
	return BINDINGS.filter(
		binding =>
			binding.contexts.includes(context) &&
			keysIn(binding, context).length > 0 &&
			(binding.whenProblem === undefined || (filter.problems ?? []).includes(binding.whenProblem)),
	);
}

/** The binding a key triggers in a context, or undefined. */
export function resolveKey(context: Context, keyName: string, filter: BindingFilter = {}): Binding | undefined {
	return bindingsFor(context, filter).find(binding => keysIn(binding, context).some(spec => spec.name === keyName));
}

export const keyLabel = (binding: Binding, context?: Context): string => (context ? keysIn(binding, context) : binding.keys).map(spec => spec.label).join('/');

/** Footer items for a context, in key-map order; `urgent` for keys offered because of a problem. */
export function footerItems(context: Context, filter: BindingFilter = {}): {keys: string; label: string; urgent: boolean; action: ActionId}[] {
	return bindingsFor(context, filter)
		.filter(binding => !binding.hideInFooter)
		.map(binding => ({
			keys: keyLabel(binding, context),
			label: binding.labelIn?.[context] ?? binding.label,
			urgent: binding.whenProblem !== undefined,
			action: binding.action,
		}));
}

export const FOOTER_SEPARATOR = '  ';

/**
 * The footer items that fit in `width`, in key-map order. `? help`, `q quit` and a key offered
 * because of a problem (`p`) are always kept; the others as long as they fit.
 */
export function footerFit(context: Context, width: number, filter: BindingFilter = {}): {keys: string; label: string}[] {
	const items = footerItems(context, filter);
	const isKept = (item: {urgent: boolean; action: ActionId}) => item.urgent || item.action === 'app.help' || item.action === 'app.quit';
	const length = (parts: readonly {keys: string; label: string}[]) =>
		parts.reduce((sum, item) => sum + item.keys.length + 1 + item.label.length, 0) + FOOTER_SEPARATOR.length * Math.max(0, parts.length - 1);
	const chosen = new Set(items.filter(isKept));
	for (const item of items) {
		if (chosen.has(item)) continue;
		if (length([...chosen, item]) > width) break;
		chosen.add(item);
	}
	return items.filter(item => chosen.has(item)).map(({keys, label}) => ({keys, label}));
}

/** The footer as plain text. */
export const footerLine = (context: Context, width: number, filter: BindingFilter = {}): string =>
	footerFit(context, width, filter)
		.map(item => `${item.keys} ${item.label}`)
		.join(FOOTER_SEPARATOR);

const SCREEN_CONTEXTS: readonly Context[] = ['workspaces', 'tokens', 'detail', 'expiring', 'admin-pick', 'admin', 'admin-detail'];

/** A context's title, saying which keys still work where letters are text (`Filtering (↑ only: letters are text)`). */
function contextWhere(binding: Binding, context: Context): string {
	const live = keysIn(binding, context);
	if (live.length === binding.keys.length) return CONTEXT_TITLES[context];
	return `${CONTEXT_TITLES[context]} (${live.map(spec => spec.label).join(' ')} only: letters are text)`;
}

/** Where a binding works, in words: `everywhere`, `all screens`, or the contexts by name. */
export function whereText(binding: Binding): string {
	if (binding.contexts.length === CONTEXTS.length) return 'everywhere';
	const onAllScreens = SCREEN_CONTEXTS.every(context => binding.contexts.includes(context));
	// A context where every key of the binding is typed as text does not list it.
	const rest = CONTEXTS.filter(
		context => binding.contexts.includes(context) && keysIn(binding, context).length > 0 && !(onAllScreens && SCREEN_CONTEXTS.includes(context)),
	);
	return [...(onAllScreens ? ['all screens'] : []), ...rest.map(context => contextWhere(binding, context))].join(', ');
}

/** The README key table (Markdown), one row per binding. */
export function keyTableMarkdown(): string {
	const escape = (text: string): string => text.replaceAll('|', '\\|');
	const code = (text: string): string => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``);
	const rows = BINDINGS.map(binding => {
		const keys = binding.keys.map(spec => code(spec.label)).join(' ');
		const where = whereText(binding);
		const note = binding.whenProblem ? ` (shown only when auth.json is readable by others)` : '';
		return `| ${escape(keys)} | ${escape(binding.description + note)} | ${escape(where)} |`;
	});
	return ['| Keys | Action | Where |', '| --- | --- | --- |', ...rows].join('\n');
}
