/** The password policy both the server and the client check (isomorphic, no imports). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
