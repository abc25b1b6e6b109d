import { createMemoryStore } from '../../src/store/memory.js';
import { storeContract } from './contract.js';

storeContract('memory', () => Promise.resolve(createMemoryStore()));
