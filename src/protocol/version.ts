/** The protocol version spoken by this package: `hello.v` and `welcome.v` carry it. */
export const PROTOCOL_VERSION = 1;
