import {describe, expect, it} from 'vitest';
import {spaceIdOf, tokenIdOf} from '../../../source/core/ntn/token-format.js';
import {mintToken} from '../../helpers/mock-notion.js';

const SPACE = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const b64url = (bytes: number[]) => Buffer.from(bytes).toString('base64url');
const twentyBytes = [0, 0, 0, 1, ...Buffer.from(SPACE.replaceAll('-', ''), 'hex')];

describe('tokenIdOf', () => {
	it('reads segment 2 verbatim', () => {
		expect(tokenIdOf('ntn.tok_ABC-1.xyz')).toBe('tok_ABC-1');
		expect(tokenIdOf('a.b.c.d.e')).toBe('b');
	});

	it('is null with fewer than 3 segments or an empty id', () => {
		expect(tokenIdOf('ntn_plainsecret')).toBeNull();
		expect(tokenIdOf('a.b')).toBeNull();
		expect(tokenIdOf('')).toBeNull();
		expect(tokenIdOf('a..c')).toBeNull();
	});
});

describe('spaceIdOf', () => {
	it('decodes bytes 4..20 of segment 3 as a lowercase UUID', () => {
		expect(spaceIdOf(`p.t.${b64url(twentyBytes)}`)).toBe(SPACE);
		expect(spaceIdOf(`p.t.${b64url([...twentyBytes, 9, 9, 9])}.secret`)).toBe(SPACE);
	});

	it('round-trips a minted mock token', () => {
		const token = mintToken({tokenId: 'tok-42', spaceId: SPACE.toUpperCase()});
		expect(token).toMatch(/^mock\.tok-42\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{24}$/);
		expect(tokenIdOf(token)).toBe('tok-42');
		expect(spaceIdOf(token)).toBe(SPACE);
	});

	it('is null for too few segments or bytes', () => {
		expect(spaceIdOf('p.t')).toBeNull();
		expect(spaceIdOf(`p.t.${b64url(twentyBytes.slice(0, 19))}`)).toBeNull();
		expect(spaceIdOf('p.t.')).toBeNull();
	});

	it('is null for padding, standard base64 or other characters', () => {
		const bytes = [...twentyBytes, 0xfb, 0xff]; // 22 bytes: base64 needs padding and has / and +
		const standard = Buffer.from(bytes).toString('base64');
		expect(standard).toMatch(/=/);
		expect(spaceIdOf(`p.t.${standard}`)).toBeNull();
		expect(spaceIdOf(`p.t.${standard.replace(/=+$/, '')}`)).toBeNull(); // still has + or /
		expect(spaceIdOf(`p.t.${b64url(bytes)}`)).toBe(SPACE);
		expect(spaceIdOf(`p.t.${b64url(bytes).replace('_', '+')}`)).toBeNull();
		expect(spaceIdOf(`p.t.${b64url(twentyBytes)}!`)).toBeNull();
	});

	it('never throws', () => {
		for (const token of ['', '.', '..', '...', 'a.b.%%%', 'a.b.\u0000', 'ä.ö.ü']) {
			expect(() => spaceIdOf(token)).not.toThrow();
			expect(() => tokenIdOf(token)).not.toThrow();
		}
	});
});
