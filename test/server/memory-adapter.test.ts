import { createMemoryAdapter } from 'switchboard/server';
import { runAdapterContract } from 'switchboard/testing';

runAdapterContract('memory adapter', () => createMemoryAdapter());
