package io.personenricher.testutil;

import io.personenricher.serde.SchemaRegistryClient;
import io.personenricher.serde.SchemaRegistryException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * A schema registry that can be taken down: while down, every call the HTTP client could not answer
 * from its cache fails the way it reports an outage of the given kind (unreachable, 5xx, refused
 * credentials). Like the HTTP client, it remembers what it answered once.
 *
 * <p>Threading notes: the switch is volatile; the delegate is thread-safe.
 */
public final class FlakyRegistry implements SchemaRegistryClient {

  private final SchemaRegistryClient delegate;
  private final AtomicInteger failedCalls = new AtomicInteger();
  private final Map<String, Integer> registered = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
  private volatile SchemaRegistryException.Kind failure;

  public FlakyRegistry(SchemaRegistryClient delegate) {
    this.delegate = delegate;
  }

  public void down(SchemaRegistryException.Kind kind) {
    failure = kind;
  }

  public void up() {
    failure = null;
  }

  public int failedCalls() {
    return failedCalls.get();
  }

  @Override
  public int register(String subject, Schema schema) {
    Integer known = registered.get(subject + '\u0000' + schema);
    if (known != null) {
      return known;
    }
    check();
    int id = delegate.register(subject, schema);
    registered.put(subject + '\u0000' + schema, id);
    return id;
  }

  @Override
  public int lookup(String subject, Schema schema) {
    Integer known = registered.get(subject + '\u0000' + schema);
    if (known != null) {
      return known;
    }
    check();
    return delegate.lookup(subject, schema);
  }

  @Override
  public Schema getById(int id) {
    Schema known = byId.get(id);
    if (known != null) {
      return known;
    }
    check();
    Schema schema = delegate.getById(id);
    byId.put(id, schema);
    return schema;
  }

  @Override
  public int latestId(String subject) {
    check();
    return delegate.latestId(subject);
  }

  @Override
  public String location() {
    return "flaky(" + delegate.location() + ")";
  }

  private void check() {
    SchemaRegistryException.Kind kind = failure;
    if (kind != null) {
      failedCalls.incrementAndGet();
      throw new SchemaRegistryException(
          kind,
          "registry down for the test (" + kind + ")",
          kind == SchemaRegistryException.Kind.UNREACHABLE ? -1 : 503,
          -1,
          null);
    }
  }
}
