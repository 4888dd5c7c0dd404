/** The unified aggregation names and Flexprice's `types.AggregationType`, both ways. */
import type { Aggregation } from '../../usage/model';
import type { FlexpriceAggregationType } from './types';

/** The Flexprice name for a unified aggregation. */
export function toFlexpriceAggregation(aggregation: Aggregation): FlexpriceAggregationType {
  switch (aggregation) {
    case 'count':
      return 'COUNT';
    case 'sum':
      return 'SUM';
    case 'avg':
      return 'AVG';
    case 'max':
      return 'MAX';
    case 'latest':
      return 'LATEST';
    case 'count_unique':
      return 'COUNT_UNIQUE';
    case 'sum_with_multiplier':
      return 'SUM_WITH_MULTIPLIER';
    case 'weighted_sum':
      return 'WEIGHTED_SUM';
    default: {
      const unknown: never = aggregation;
      throw new TypeError(`unknown aggregation ${String(unknown)}`);
    }
  }
}

/** The unified name for the aggregation Flexprice reports it applied (`type` in the response). */
export function fromFlexpriceAggregation(type: FlexpriceAggregationType): Aggregation {
  switch (type) {
    case 'COUNT':
      return 'count';
    case 'SUM':
      return 'sum';
    case 'AVG':
      return 'avg';
    case 'MAX':
      return 'max';
    case 'LATEST':
      return 'latest';
    case 'COUNT_UNIQUE':
      return 'count_unique';
    case 'SUM_WITH_MULTIPLIER':
      return 'sum_with_multiplier';
    case 'WEIGHTED_SUM':
      return 'weighted_sum';
    default: {
      const unknown: never = type;
      throw new TypeError(`unknown Flexprice aggregation type ${String(unknown)}`);
    }
  }
}

/** Every Flexprice aggregation type, for reading responses. */
export const flexpriceAggregationTypes: readonly FlexpriceAggregationType[] = [
  'COUNT', 'SUM', 'AVG', 'COUNT_UNIQUE', 'LATEST', 'SUM_WITH_MULTIPLIER', 'MAX', 'WEIGHTED_SUM',
];
