// Original file: proto/quantspan/v1/quantspan.proto

/**
 * Modifier says how the stated number bounds the true one.
 */
export const Modifier = {
  /**
   * Not set.
   */
  MODIFIER_UNSPECIFIED: 'MODIFIER_UNSPECIFIED',
  /**
   * The number as stated, with no hedge: "12,000".
   */
  EXACT: 'EXACT',
  /**
   * About the number: "about", "around", "roughly", "some", "an estimated", "~".
   */
  APPROXIMATE: 'APPROXIMATE',
  /**
   * The number or more, inclusive: "at least", "no fewer than", "a minimum of", "N or more", "N+".
   */
  AT_LEAST: 'AT_LEAST',
  /**
   * The number or less, inclusive: "up to", "at most", "no more than", "as many as".
   */
  AT_MOST: 'AT_MOST',
  /**
   * Strictly more than the number: "more than", "over", "above", "in excess of", ">".
   */
  MORE_THAN: 'MORE_THAN',
  /**
   * Strictly less than the number: "less than", "fewer than", "under", "below", "<".
   */
  LESS_THAN: 'LESS_THAN',
  /**
   * Just short of the number: "nearly", "almost", "just under", "close to".
   */
  NEARLY: 'NEARLY',
  /**
   * Between two numbers, inclusive: "between A and B", "from A to B", "A-B".
   */
  RANGE: 'RANGE',
  /**
   * A centre and a tolerance: "A ± d".
   */
  TOLERANCE: 'TOLERANCE',
  /**
   * A vague plural magnitude: "dozens", "hundreds", "thousands", "tens of thousands".
   */
  VAGUE: 'VAGUE',
} as const;

/**
 * Modifier says how the stated number bounds the true one.
 */
export type Modifier =
  /**
   * Not set.
   */
  | 'MODIFIER_UNSPECIFIED'
  | 0
  /**
   * The number as stated, with no hedge: "12,000".
   */
  | 'EXACT'
  | 1
  /**
   * About the number: "about", "around", "roughly", "some", "an estimated", "~".
   */
  | 'APPROXIMATE'
  | 2
  /**
   * The number or more, inclusive: "at least", "no fewer than", "a minimum of", "N or more", "N+".
   */
  | 'AT_LEAST'
  | 3
  /**
   * The number or less, inclusive: "up to", "at most", "no more than", "as many as".
   */
  | 'AT_MOST'
  | 4
  /**
   * Strictly more than the number: "more than", "over", "above", "in excess of", ">".
   */
  | 'MORE_THAN'
  | 5
  /**
   * Strictly less than the number: "less than", "fewer than", "under", "below", "<".
   */
  | 'LESS_THAN'
  | 6
  /**
   * Just short of the number: "nearly", "almost", "just under", "close to".
   */
  | 'NEARLY'
  | 7
  /**
   * Between two numbers, inclusive: "between A and B", "from A to B", "A-B".
   */
  | 'RANGE'
  | 8
  /**
   * A centre and a tolerance: "A ± d".
   */
  | 'TOLERANCE'
  | 9
  /**
   * A vague plural magnitude: "dozens", "hundreds", "thousands", "tens of thousands".
   */
  | 'VAGUE'
  | 10

/**
 * Modifier says how the stated number bounds the true one.
 */
export type Modifier__Output = typeof Modifier[keyof typeof Modifier]
