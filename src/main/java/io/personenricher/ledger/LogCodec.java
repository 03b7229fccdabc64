package io.personenricher.ledger;

/**
 * How the values of a {@link KafkaLog} are written as bytes and read back.
 *
 * <p>Threading notes: implementations are called from any thread and must be stateless.
 */
public interface LogCodec<V> {

  byte[] encode(V value);

  /**
   * The value in {@code bytes}, or null for anything this release does not understand (a newer
   * writer's record, or garbage): every reader skips it alike.
   */
  V decode(byte[] bytes);
}
