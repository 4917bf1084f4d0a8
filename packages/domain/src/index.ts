// Public surface of the pure exam domain. See README.md.
export {};
