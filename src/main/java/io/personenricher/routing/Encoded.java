package io.personenricher.routing;

/** What encoding one output record came to. */
public sealed interface Encoded {

  /** The record's value bytes, within the size limit. */
  record Bytes(byte[] value) implements Encoded {}

  /** The record would exceed what its topic or the producer accepts. */
  record TooLarge(int bytes, int limit) implements Encoded {}

  /** The schema registry could not be asked for the writer schema's id; try again later. */
  record RegistryUnavailable(String message) implements Encoded {}
}
