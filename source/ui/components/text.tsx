import {Text as InkText, type TextProps} from 'ink';
import {Children, cloneElement, createElement, Fragment, isValidElement, type ReactElement, type ReactNode} from 'react';
import {inSymbols, sanitize} from '../../text/index.js';

/** Every string in `node` sanitised, through arrays and fragments; other elements are left to their own Text. */
function clean(node: ReactNode): ReactNode {
	if (typeof node === 'string') return inSymbols(sanitize(node));
	// Children passed on whole (a Field's value) arrive as one array.
	if (Array.isArray(node)) return node.map(clean);
	if (isValidElement(node) && node.type === Fragment) {
		const element = node as ReactElement<{children?: ReactNode}>;
		return cloneElement(element, undefined, ...Children.toArray(element.props.children).map(clean));
	}
	return node;
}

/**
 * Ink's Text for every string the UI draws: names, ids and messages from ntn's files or from Notion
 * are shown with their controls escaped (`\x1b`), so only the UI's own styling reaches the terminal;
 * under a locale that is not UTF-8 the symbols are drawn in ASCII.
 */
export function Text({children, ...props}: TextProps) {
	const parts = Array.isArray(children) ? (children as ReactNode[]) : [children];
	return createElement(InkText, props, ...parts.map(clean));
}
