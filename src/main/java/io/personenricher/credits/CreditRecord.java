package io.personenricher.credits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.personenricher.ledger.LogCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One record of the credit ledger ({@code <application.id>-credits}): the single ordered log every
 * instance folds ({@link CreditFold}) into the same spend per period. Its key is {@link #key()}, so
 * compaction keeps the latest record of each spender in each period, which carries everything the
 * fold needs (the values are cumulative).
 */
public sealed interface CreditRecord {

  /** The period it counts in ({@link BudgetPeriod.Span#id()}). */
  String period();

  /** The period's first instant, so old periods can be forgotten without parsing ids. */
  long periodStartMs();

  /** The compaction key: one per spender per period, one for the period's override. */
  String key();

  /**
   * A spender's state in a period: everything it settled, and what it holds reserved (its
   * granted-but-unsettled reservations plus its asks not yet decided), as of this record.
   *
   * @param spender one run of one instance (random per start, so a restart is a new spender)
   * @param askId when this record asks for a reservation, its id; null otherwise
   * @param ask the credits it asks for (included in {@code reserved}); 0 when it asks nothing
   * @param budget the asker's configured budget for the period: the limit its ask is judged by
   *     (with the period's override, if higher)
   * @param ttlMs how long after this record its {@code reserved} counts: a crashed run's
   *     reservations stop counting once its last record is this old
   */
  record Spend(
      String period,
      long periodStartMs,
      String spender,
      double settled,
      double reserved,
      String askId,
      double ask,
      double budget,
      long ttlMs)
      implements CreditRecord {
    @Override
    public String key() {
      return period + "|" + spender;
    }
  }

  /**
   * An operator raised the period's budget ({@code enricher credits budget --raise-to N}): the
   * effective budget is the higher of this and the configured one. A later override replaces it.
   */
  record BudgetOverride(String period, long periodStartMs, double budget) implements CreditRecord {

    /** The override of {@code span}'s budget. */
    public static BudgetOverride of(BudgetPeriod.Span span, double budget) {
      return new BudgetOverride(span.id(), span.start().toEpochMilli(), budget);
    }

    @Override
    public String key() {
      return period + "|@override";
    }
  }

  /** The ledger topic's value format: UTF-8 JSON. */
  LogCodec<CreditRecord> CODEC =
      new LogCodec<>() {
        private final ObjectMapper json = new ObjectMapper();

        @Override
        public byte[] encode(CreditRecord record) {
          ObjectNode node =
              json.createObjectNode()
                  .put("period", record.period())
                  .put("start", record.periodStartMs());
          if (record instanceof Spend spend) {
            node.put("type", "spend")
                .put("spender", spend.spender())
                .put("settled", spend.settled())
                .put("reserved", spend.reserved())
                .put("ask", spend.ask())
                .put("budget", spend.budget())
                .put("ttl", spend.ttlMs());
            if (spend.askId() != null) {
              node.put("askId", spend.askId());
            }
          } else if (record instanceof BudgetOverride override) {
            node.put("type", "override").put("budget", override.budget());
          }
          return node.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public CreditRecord decode(byte[] bytes) {
          try {
            JsonNode node = json.readTree(bytes);
            String period = node.path("period").asText();
            long start = node.path("start").asLong();
            return switch (node.path("type").asText()) {
              case "spend" ->
                  new Spend(
                      period,
                      start,
                      node.path("spender").asText(),
                      node.path("settled").asDouble(),
                      node.path("reserved").asDouble(),
                      node.hasNonNull("askId") ? node.path("askId").asText() : null,
                      node.path("ask").asDouble(),
                      node.path("budget").asDouble(),
                      node.path("ttl").asLong());
              case "override" -> new BudgetOverride(period, start, node.path("budget").asDouble());
              default -> null;
            };
          } catch (IOException | RuntimeException e) {
            return null;
          }
        }
      };
}
