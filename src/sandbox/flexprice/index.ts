/** The Flexprice simulator's public surface. */
export { createFlexpriceSimulator, type FlexpriceSimulator, type FlexpriceSimulatorOptions } from './simulator';
export { FlexpriceSimulatorError } from './errors';
export type { GetUsageResponse } from './aggregate-usage';
