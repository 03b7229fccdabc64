package io.personenricher.serde;

import io.personenricher.serde.SchemaRegistryException.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * An in-memory {@link SchemaRegistryClient}, selected by a {@code mock://scope} URL as Confluent's
 * MockSchemaRegistry is: every serde configured with the same scope in this JVM shares one
 * registry, so a serializer and a deserializer created separately (e.g. around a
 * TopologyTestDriver) agree on ids. Ids are assigned from one JVM-wide counter, so ids from
 * different scopes never collide. A new version must be BACKWARD compatible with the subject's
 * latest one (the Confluent default). Call {@link #drop(String)} in test clean-up.
 *
 * <p>Threading notes: one instance is shared by all threads using its scope; every method is
 * synchronized on the instance (tests only, so contention does not matter).
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {

  /** The URL scheme that selects this registry. */
  public static final String SCHEME = "mock://";

  private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT_ID = new AtomicInteger(1);

  private final String scope;
  private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<Schema, Integer> idsBySchema = new HashMap<>();

  private InMemorySchemaRegistry(String scope) {
    this.scope = scope;
  }

  /** Returns the registry of {@code scope}, creating it on first use. */
  public static InMemorySchemaRegistry forScope(String scope) {
    return SCOPES.computeIfAbsent(scope, InMemorySchemaRegistry::new);
  }

  /** Returns the registry of a {@code mock://scope} URL. */
  public static InMemorySchemaRegistry forUrl(String url) {
    if (!isMockUrl(url)) {
      throw new IllegalArgumentException("not a " + SCHEME + " URL: " + url);
    }
    return forScope(url.trim().substring(SCHEME.length()));
  }

  /** True when {@code url} selects an in-memory registry. */
  public static boolean isMockUrl(String url) {
    return url != null && url.trim().startsWith(SCHEME);
  }

  /** Forgets the registry of {@code scope}; later users of the scope get a fresh, empty one. */
  public static void drop(String scope) {
    SCOPES.remove(scope);
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    Integer existing = idsBySchema.get(schema);
    if (existing != null && versions.contains(existing)) {
      return existing;
    }
    if (!versions.isEmpty()) {
      Schema latest = schemasById.get(versions.get(versions.size() - 1));
      SchemaCompatibility.SchemaPairCompatibility result =
          SchemaCompatibility.checkReaderWriterCompatibility(schema, latest);
      if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
        throw new SchemaRegistryException(
            Kind.INCOMPATIBLE_SCHEMA,
            "Schema is incompatible with subject '"
                + subject
                + "' (BACKWARD, "
                + location()
                + "): "
                + result.getResult().getIncompatibilities(),
            409,
            409,
            null);
      }
    }
    int id = existing != null ? existing : NEXT_ID.getAndIncrement();
    schemasById.put(id, schema);
    idsBySchema.put(schema, id);
    versions.add(id);
    return id;
  }

  @Override
  public synchronized int lookup(String subject, Schema schema) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw new SchemaRegistryException(
          Kind.UNKNOWN_SUBJECT,
          "Unknown subject '" + subject + "' in " + location(),
          404,
          40401,
          null);
    }
    Integer id = idsBySchema.get(schema);
    if (id == null || !versions.contains(id)) {
      throw new SchemaRegistryException(
          Kind.SCHEMA_NOT_REGISTERED,
          "Schema is not registered under subject '"
              + subject
              + "' in "
              + location()
              + " (auto.register.schemas=false needs it registered beforehand)",
          404,
          40403,
          null);
    }
    return id;
  }

  @Override
  public synchronized Schema getById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new SchemaRegistryException(
          Kind.UNKNOWN_SCHEMA_ID,
          "Unknown schema id " + id + " in " + location(),
          404,
          40403,
          null);
    }
    return schema;
  }

  @Override
  public synchronized int latestId(String subject) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw new SchemaRegistryException(
          Kind.UNKNOWN_SUBJECT,
          "Unknown subject '" + subject + "' in " + location(),
          404,
          40401,
          null);
    }
    return versions.get(versions.size() - 1);
  }

  /** The subjects registered so far, for test assertions. */
  public synchronized List<String> subjects() {
    return List.copyOf(versionsBySubject.keySet());
  }

  @Override
  public String location() {
    return SCHEME + scope;
  }
}
