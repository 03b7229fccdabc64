package io.personenricher.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One entry of the quota ledger: the single ordered log every instance of an application reads, so
 * that every instance folds the same entries in the same order into the same schedule ({@link
 * SlotBook}).
 */
public sealed interface LedgerRecord {

  /** The instance that wrote it. */
  String instance();

  Endpoint endpoint();

  /**
   * A request for {@code count} consecutive slots of a grid, from {@code slot} on. Each slot goes
   * to the first claim for it in log order that keeps every window within the limit.
   *
   * @param gridFromMs the grid's {@link SlotGrid#effectiveFromMs()}
   */
  record Claim(String instance, Endpoint endpoint, long gridFromMs, long slot, int count)
      implements LedgerRecord {}

  /** A slot its winner will not use: the next claim for it may take it. */
  record Release(String instance, Endpoint endpoint, long gridFromMs, long slot)
      implements LedgerRecord {}

  /** The API refused a request for the rate: no slot starting before {@code untilMs} is used. */
  record Pause(String instance, Endpoint endpoint, long untilMs) implements LedgerRecord {}

  /** The slot grid from {@code grid.effectiveFromMs()} on (the key's limit, learned or capped). */
  record Grid(String instance, Endpoint endpoint, SlotGrid grid) implements LedgerRecord {}

  ObjectMapper JSON = new ObjectMapper();

  /** The record as UTF-8 JSON, the ledger topic's value format. */
  static byte[] encode(LedgerRecord record) {
    ObjectNode node = JSON.createObjectNode();
    node.put("instance", record.instance()).put("endpoint", record.endpoint().name());
    if (record instanceof Claim claim) {
      node.put("type", "claim")
          .put("grid", claim.gridFromMs())
          .put("slot", claim.slot())
          .put("count", claim.count());
    } else if (record instanceof Release release) {
      node.put("type", "release").put("grid", release.gridFromMs()).put("slot", release.slot());
    } else if (record instanceof Pause pause) {
      node.put("type", "pause").put("until", pause.untilMs());
    } else if (record instanceof Grid grid) {
      node.put("type", "grid")
          .put("limit", grid.grid().limit())
          .put("window", grid.grid().windowMs())
          .put("margin", grid.grid().marginMs())
          .put("from", grid.grid().effectiveFromMs());
    }
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The record in {@code bytes}, or null for anything this release does not understand (a newer
   * writer's record type, or garbage): a reader skips it, and every reader skips it alike.
   */
  static LedgerRecord decode(byte[] bytes) {
    try {
      JsonNode node = JSON.readTree(bytes);
      String instance = node.path("instance").asText();
      Endpoint endpoint = Endpoint.valueOf(node.path("endpoint").asText());
      return switch (node.path("type").asText()) {
        case "claim" ->
            new Claim(
                instance,
                endpoint,
                node.path("grid").asLong(),
                node.path("slot").asLong(),
                node.path("count").asInt(1));
        case "release" ->
            new Release(instance, endpoint, node.path("grid").asLong(), node.path("slot").asLong());
        case "pause" -> new Pause(instance, endpoint, node.path("until").asLong());
        case "grid" ->
            new Grid(
                instance,
                endpoint,
                new SlotGrid(
                    endpoint,
                    node.path("limit").asInt(),
                    node.path("window").asLong(),
                    node.path("margin").asLong(),
                    node.path("from").asLong()));
        default -> null;
      };
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
