// An ESLint rule for the project's module boundaries. Every way a file can name a module — `import
// … from`, `import type`, a bare `import '…'`, `export … from`, `import('…')`, `require('…')` and
// `createRequire(…)('…')` — is checked: a relative name is resolved to its file in the project,
// a package name is taken as written. Options (all optional):
//   packages: names of packages the file may not use (a name also forbids its subpaths; `ink-*`
//             forbids every package starting with `ink-`)
//   folders:  project folders the file may not reach (e.g. `source/ui`)
//   except:   project files it may reach all the same (e.g. `source/core/index.ts`)
import path from 'node:path';

/** The module a node names, when it is a plain string. */
function nameOf(node) {
	if (!node) return undefined;
	if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
	if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
	return undefined;
}

const isRequire = callee =>
	(callee.type === 'Identifier' && callee.name === 'require') ||
	(callee.type === 'CallExpression' && callee.callee.type === 'Identifier' && callee.callee.name === 'createRequire');

/** Path in the project without extension: `source/core/index.js` and `…/index.ts` are one module. */
const withoutExtension = file => file.replace(/\.(?:[cm]?[jt]sx?)$/, '');

const boundaries = {
	meta: {
		type: 'problem',
		docs: {description: 'keeps each part of the project to the modules it may use'},
		schema: [
			{
				type: 'object',
				properties: {
					packages: {type: 'array', items: {type: 'string'}},
					folders: {type: 'array', items: {type: 'string'}},
					except: {type: 'array', items: {type: 'string'}},
				},
				additionalProperties: false,
			},
		],
		messages: {
			package: '{{name}} may not be used here: {{why}}',
			folder: '{{name}} ({{file}}) is out of bounds here: {{why}}',
		},
	},
	create(context) {
		const {packages = [], folders = [], except = []} = context.options[0] ?? {};
		const root = context.cwd;
		const allowed = new Set(except.map(withoutExtension));
		const why = `${path.relative(root, context.filename)} may use ${[
			packages.length > 0 ? `no ${packages.join(', ')}` : '',
			folders.length > 0 ? `nothing in ${folders.join(', ')}${except.length > 0 ? ` but ${except.join(', ')}` : ''}` : '',
		]
			.filter(Boolean)
			.join(' and ')}`;
		const check = (node, name) => {
			if (name === undefined) return;
			if (name.startsWith('.') || name.startsWith('/')) {
				const file = path
					.relative(root, path.resolve(path.dirname(context.filename), name))
					.split(path.sep)
					.join('/');
				if (allowed.has(withoutExtension(file))) return;
				if (folders.some(folder => file === folder || file.startsWith(`${folder}/`) || withoutExtension(file) === withoutExtension(folder))) {
					context.report({node, messageId: 'folder', data: {name, file, why}});
				}
				return;
			}
			const bare = name.replace(/^node:/, '');
			const hit = packages.some(forbidden =>
				forbidden.endsWith('*') ? bare.startsWith(forbidden.slice(0, -1)) : bare === forbidden || bare.startsWith(`${forbidden}/`),
			);
			if (hit) context.report({node, messageId: 'package', data: {name, why}});
		};
		return {
			ImportDeclaration: node => check(node.source, nameOf(node.source)),
			ExportNamedDeclaration: node => check(node.source, nameOf(node.source)),
			ExportAllDeclaration: node => check(node.source, nameOf(node.source)),
			ImportExpression: node => check(node.source, nameOf(node.source)),
			// `typeof import('…')`; typescript-eslint 8 names the string `source` (older: `argument.literal`).
			TSImportType(node) {
				const literal = 'source' in node ? node.source : node.argument?.literal;
				check(node, nameOf(literal));
			},
			CallExpression(node) {
				if (isRequire(node.callee)) check(node.arguments[0], nameOf(node.arguments[0]));
			},
		};
	},
};

export default {rules: {boundaries}};
