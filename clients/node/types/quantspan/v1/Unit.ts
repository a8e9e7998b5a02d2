// Original file: proto/quantspan/v1/quantspan.proto


/**
 * Unit describes the unit a number is stated in.
 */
export interface Unit {
  /**
   * Canonical singular name: "kilometre", "US dollar", "percent", "hour"; empty for a plain count.
   */
  'name'?: (string);
  /**
   * Usual symbol: "km", "$", "%", "h".
   */
  'symbol'?: (string);
  /**
   * Physical dimension: "length", "currency", "time", "temperature", "dimensionless", ...
   */
  'dimension'?: (string);
  /**
   * ISO 4217 code when the unit is a currency.
   */
  'currencyCode'?: (string);
  /**
   * A reference page for the unit (a Wikipedia title), when known.
   */
  'uri'?: (string);
}

/**
 * Unit describes the unit a number is stated in.
 */
export interface Unit__Output {
  /**
   * Canonical singular name: "kilometre", "US dollar", "percent", "hour"; empty for a plain count.
   */
  'name': (string);
  /**
   * Usual symbol: "km", "$", "%", "h".
   */
  'symbol': (string);
  /**
   * Physical dimension: "length", "currency", "time", "temperature", "dimensionless", ...
   */
  'dimension': (string);
  /**
   * ISO 4217 code when the unit is a currency.
   */
  'currencyCode': (string);
  /**
   * A reference page for the unit (a Wikipedia title), when known.
   */
  'uri': (string);
}
