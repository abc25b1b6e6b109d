/** Vitest setup: properties that do not name a run count get fast-check's 100, scaled by PROPERTY_RUNS. */
import fc from 'fast-check';
import { propertyRuns } from './property-runs.js';

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: propertyRuns(100) });
