// Original file: proto/quantspan/v1/quantspan.proto

/**
 * Kind is the broad class of a quantity.
 */
export const Kind = {
  /**
   * Not set. As a filter value it is rejected with INVALID_ARGUMENT.
   */
  KIND_UNSPECIFIED: 'KIND_UNSPECIFIED',
  /**
   * A plain number or a number of counted things: "12,000 troops", "a dozen drones".
   */
  COUNT: 'COUNT',
  /**
   * An amount of money in a currency: "$2.5 billion", "£320m", "7,000 won".
   */
  MONEY: 'MONEY',
  /**
   * A percentage, percentage points or basis points: "18%", "2 percentage points", "25 bps".
   */
  PERCENTAGE: 'PERCENTAGE',
  /**
   * A span of time: "three-hour", "nearly two weeks", "90 minutes".
   */
  DURATION: 'DURATION',
  /**
   * Any other physical dimension: length, mass, area, volume, speed, temperature, energy,
   * data size and so on.
   */
  MEASUREMENT: 'MEASUREMENT',
} as const;

/**
 * Kind is the broad class of a quantity.
 */
export type Kind =
  /**
   * Not set. As a filter value it is rejected with INVALID_ARGUMENT.
   */
  | 'KIND_UNSPECIFIED'
  | 0
  /**
   * A plain number or a number of counted things: "12,000 troops", "a dozen drones".
   */
  | 'COUNT'
  | 1
  /**
   * An amount of money in a currency: "$2.5 billion", "£320m", "7,000 won".
   */
  | 'MONEY'
  | 2
  /**
   * A percentage, percentage points or basis points: "18%", "2 percentage points", "25 bps".
   */
  | 'PERCENTAGE'
  | 3
  /**
   * A span of time: "three-hour", "nearly two weeks", "90 minutes".
   */
  | 'DURATION'
  | 4
  /**
   * Any other physical dimension: length, mass, area, volume, speed, temperature, energy,
   * data size and so on.
   */
  | 'MEASUREMENT'
  | 5

/**
 * Kind is the broad class of a quantity.
 */
export type Kind__Output = typeof Kind[keyof typeof Kind]
