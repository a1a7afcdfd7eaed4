/**
 * `switchboard/testing`: helpers for testing code built on Switchboard, and for testing
 * Switchboard's pluggable parts: the adapter contract suite, a fake clock, and in-memory
 * WebSocket pairs for driving the client without a server.
 */
export { type AdapterContractOptions, runAdapterContract } from './adapter-contract.ts';
export { createFakeClock, type FakeClock } from './fake-clock.ts';
export {
  createMemoryNetwork,
  createTransportPair,
  type MemoryNetwork,
  type TransportPair,
} from './transport-pair.ts';
