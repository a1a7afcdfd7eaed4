/**
 * `switchboard/testing`: helpers for testing code built on Switchboard, and for testing
 * Switchboard's pluggable parts: the adapter contract suite and a fake clock.
 */
export { type AdapterContractOptions, runAdapterContract } from './adapter-contract.ts';
export { createFakeClock, type FakeClock } from './fake-clock.ts';
