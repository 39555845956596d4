/** node:crypto, loaded on first use: commands that only read never need it, and loading it costs milliseconds. */
export const crypto = () => process.getBuiltinModule('node:crypto');
