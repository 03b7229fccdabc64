package io.personenricher.serde;

import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API the serdes need. Implementations: {@link
 * HttpSchemaRegistryClient} for any Confluent-API server and {@link InMemorySchemaRegistry} for
 * {@code mock://} URLs. All methods throw {@link SchemaRegistryException} on failure.
 *
 * <p>Threading notes: implementations are shared by the serdes of all stream threads and must be
 * thread-safe.
 */
public interface SchemaRegistryClient {

  /**
   * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}) and
   * returns its global id. Registering an already registered schema returns the existing id.
   */
  int register(String subject, Schema schema);

  /**
   * Returns the id of {@code schema} if it is already registered under {@code subject} ({@code POST
   * /subjects/{subject}}); never registers.
   */
  int lookup(String subject, Schema schema);

  /** Returns the schema with this global id ({@code GET /schemas/ids/{id}}). */
  Schema getById(int id);

  /**
   * Returns the id of the latest version under {@code subject} ({@code GET
   * /subjects/{s}/versions/latest}).
   */
  int latestId(String subject);

  /** Where this client points, for error messages (a URL or {@code mock://scope}). */
  String location();
}
