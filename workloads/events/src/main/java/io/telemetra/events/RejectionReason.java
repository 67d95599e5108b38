package io.telemetra.events;

/** Why a record was rejected: a stable, machine-readable code carried to the dead-letter topic. */
public enum RejectionReason {
  /** The bytes are not one well-formed UTF-8 JSON document (includes duplicate keys). */
  INVALID_JSON,
  /** The JSON document is not an object. */
  NOT_AN_OBJECT,
  /** A required field is absent or null. */
  MISSING_FIELD,
  /** A field has the wrong JSON type (e.g. a number where a string is required). */
  WRONG_TYPE,
  /** A value is outside its allowed range or length (negative amount, empty id, ...). */
  OUT_OF_RANGE,
  /** A value is not one of the allowed values (transaction type, status, currency code). */
  UNKNOWN_ENUM_VALUE,
  /** A chat message is longer than {@value EventCodec#MAX_MESSAGE_LENGTH} characters. */
  MESSAGE_TOO_LONG,
  /** The timestamp is not RFC 3339. */
  INVALID_TIMESTAMP,
  /** The timestamp is more than five minutes ahead of the wall clock. */
  TIMESTAMP_IN_FUTURE,
  /** The record is larger than {@value EventCodec#MAX_RECORD_BYTES} bytes. */
  RECORD_TOO_LARGE,
  /** The record arrived on a topic that carries no event type of this pipeline. */
  UNKNOWN_TOPIC,
  /** The record carries a schema_version this release does not understand. */
  UNSUPPORTED_SCHEMA_VERSION
}
