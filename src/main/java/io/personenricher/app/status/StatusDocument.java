package io.personenricher.app.status;

import io.personenricher.app.ProbeStatus;
import io.personenricher.metrics.MetricsSnapshot;
import io.personenricher.metrics.RecentDeadLetters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The one JSON document the status page ({@code GET /}) renders, served as {@code GET
 * /status.json}: a pure function of the recent {@link MetricsSnapshot}s, the readiness answer and
 * the configured limits, so every figure the page shows is computed (and tested) here, not in
 * JavaScript.
 *
 * <p>Sections: {@code readiness}, {@code halt} (only while halted), {@code totals} (since start),
 * {@code now} (backlog, oldest wait, time to drain, in-flight, batch fill), {@code quota}, {@code
 * deadLetters}, {@code series} (per sample interval, for the charts) and {@code sections}: optional
 * named sections a later feature adds (this instance's quota share, a learned limit, a credits
 * budget) through {@link #build}'s last argument; the page shows each as a card of its entries
 * without any change to its script.
 *
 * <p>The document never holds the API key or a whole identifier: identifiers arrive masked (see
 * {@link RecentDeadLetters}).
 *
 * <p>Threading notes: immutable; the ops server builds documents on its worker threads at once.
 */
public final class StatusDocument {

  /**
   * The configured limits the figures are measured against.
   *
   * @param maxBatchSize {@code enricher.batch.max.size}
   * @param rateLimitRequests requests this instance may send per {@code rateWindow}
   * @param rateWindow the rate-limit window
   */
  public record Limits(int maxBatchSize, int rateLimitRequests, Duration rateWindow) {

    public Limits {
      Objects.requireNonNull(rateWindow, "rateWindow");
      if (maxBatchSize < 1 || rateLimitRequests < 1 || rateWindow.isZero()) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }
  }

  private static final int LATEST_DEAD_LETTERS = 8;

  private final Limits limits;

  public StatusDocument(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * @param history samples, oldest first; the current one is appended when newer than the last
   * @param current the figures now
   * @param readiness what {@code /ready} answers now
   * @param sections optional named sections, each a flat map of label to value; may be empty
   */
  public Map<String, Object> build(
      List<MetricsSnapshot> history,
      MetricsSnapshot current,
      ProbeStatus readiness,
      Map<String, Map<String, Object>> sections) {
    List<MetricsSnapshot> samples = new ArrayList<>(history);
    if (samples.isEmpty() || samples.get(samples.size() - 1).at().isBefore(current.at())) {
      samples.add(current);
    }
    MetricsSnapshot first = samples.get(0);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("generatedAt", current.at().toString());
    doc.put("spanSeconds", seconds(Duration.between(first.at(), current.at())));
    doc.put("readiness", readiness.toJson());
    boolean halted = !readiness.ok() && "halted".equals(readiness.status());
    if (halted) {
      doc.put("halt", Map.of("reason", readiness.reason(), "action", readiness.action()));
    }
    doc.put("totals", totals(current));
    doc.put("now", now(samples, current, halted));
    doc.put("quota", quota(samples, current));
    doc.put("deadLetters", deadLetters(current));
    doc.put("series", series(samples));
    doc.put("sections", new LinkedHashMap<>(sections));
    return doc;
  }

  private static Map<String, Object> totals(MetricsSnapshot s) {
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("in", s.recordsIn());
    totals.put("enriched", s.recordsOut("enriched"));
    totals.put("unmatched", s.recordsOut("unmatched"));
    totals.put("deadLetter", s.recordsOut("dead_letter"));
    totals.put("requests", s.batches());
    totals.put("rateLimited", s.rateLimited());
    totals.put("retries", s.retries());
    totals.put("credits", s.credits());
    totals.put("threadReplacements", s.threadReplacements());
    return totals;
  }

  private Map<String, Object> now(
      List<MetricsSnapshot> samples, MetricsSnapshot current, boolean halted) {
    MetricsSnapshot first = samples.get(0);
    Map<String, Object> now = new LinkedHashMap<>();
    now.put("pending", current.pending());
    now.put("inFlight", current.inFlight());
    now.put("batchFillPercent", fillPercent(first, current));
    now.put("eventsPerRequest", eventsPerRequest(first, current));
    now.put("oldestWaitSeconds", current.batchWaitMaxSeconds());
    now.put("lastSendSecondsAgo", lastSendSecondsAgo(samples));
    now.put("drainSeconds", drainSeconds(first, current, halted));
    return now;
  }

  /**
   * Identifiers per request relative to the batch size, over the history, or since start when no
   * request was sent in it; null before the first request.
   */
  Double fillPercent(MetricsSnapshot from, MetricsSnapshot to) {
    double batches = to.batches() - from.batches();
    double identifiers = to.batchIdentifiers() - from.batchIdentifiers();
    if (batches <= 0) {
      batches = to.batches();
      identifiers = to.batchIdentifiers();
    }
    return batches <= 0 ? null : 100.0 * identifiers / batches / limits.maxBatchSize();
  }

  private static Double eventsPerRequest(MetricsSnapshot from, MetricsSnapshot to) {
    double batches = to.batches() - from.batches();
    double events = to.batchEvents() - from.batchEvents();
    if (batches <= 0) {
      batches = to.batches();
      events = to.batchEvents();
    }
    return batches <= 0 ? null : events / batches;
  }

  /**
   * Seconds until the backlog is sent at this instance's quota, with requests as full as they were
   * lately (full batches before the first request): 0 without a backlog, null while halted (no
   * request goes out until the halt clears).
   */
  Double drainSeconds(MetricsSnapshot from, MetricsSnapshot to, boolean halted) {
    if (to.pending() <= 0) {
      return 0.0;
    }
    if (halted) {
      return null;
    }
    Double perRequest = eventsPerRequest(from, to);
    double events = perRequest == null || perRequest <= 0 ? limits.maxBatchSize() : perRequest;
    double requests = Math.ceil(to.pending() / events);
    return requests * seconds(limits.rateWindow()) / limits.rateLimitRequests();
  }

  /**
   * Seconds since the request counter last moved within the history; null when it never moved in it
   * (no request in the last minutes, or too few samples to tell).
   */
  static Double lastSendSecondsAgo(List<MetricsSnapshot> samples) {
    MetricsSnapshot last = samples.get(samples.size() - 1);
    for (int i = samples.size() - 1; i > 0; i--) {
      if (samples.get(i).batches() > samples.get(i - 1).batches()) {
        return seconds(Duration.between(samples.get(i).at(), last.at()));
      }
    }
    return null;
  }

  private Map<String, Object> quota(List<MetricsSnapshot> samples, MetricsSnapshot current) {
    Map<String, Object> quota = new LinkedHashMap<>();
    quota.put("limit", limits.rateLimitRequests());
    quota.put("windowSeconds", seconds(limits.rateWindow()));
    quota.put("requestsInWindow", requestsInWindow(samples, samples.size() - 1));
    quota.put("keyLimit", current.quotaLimit() < 0 ? null : current.quotaLimit());
    quota.put("keyRemaining", current.quotaRemaining() < 0 ? null : current.quotaRemaining());
    return quota;
  }

  /**
   * Requests sent in the rate window that ends at sample {@code i}, counted from the earliest
   * sample inside the window: samples are seconds apart, so this may miss the window's first
   * seconds but never counts a request from before it (a well-paced instance never shows more than
   * its limit).
   */
  double requestsInWindow(List<MetricsSnapshot> samples, int i) {
    MetricsSnapshot end = samples.get(i);
    MetricsSnapshot start = end;
    for (int j = i;
        j >= 0 && !samples.get(j).at().isBefore(end.at().minus(limits.rateWindow()));
        j--) {
      start = samples.get(j);
    }
    return end.batches() - start.batches();
  }

  private static Map<String, Object> deadLetters(MetricsSnapshot s) {
    Map<String, Object> deadLetters = new LinkedHashMap<>();
    deadLetters.put("byErrorClass", s.deadLettersByErrorClass());
    deadLetters.put("byReason", s.deadLettersByReason());
    List<Map<String, Object>> latest = new ArrayList<>();
    for (RecentDeadLetters.Sample sample :
        s.latestDeadLetters()
            .subList(0, Math.min(LATEST_DEAD_LETTERS, s.latestDeadLetters().size()))) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("at", sample.at().toString());
      row.put("reason", sample.reason());
      row.put("errorClass", sample.errorClass());
      row.put("key", sample.key());
      row.put("identifier", sample.maskedIdentifier());
      latest.add(row);
    }
    deadLetters.put("latest", latest);
    return deadLetters;
  }

  /** One value per sample interval (the first sample only starts the series), for the charts. */
  private Map<String, Object> series(List<MetricsSnapshot> samples) {
    Map<String, List<Object>> series = new LinkedHashMap<>();
    for (String name :
        List.of(
            "t",
            "inPerSecond",
            "enrichedPerSecond",
            "unmatchedPerSecond",
            "deadLetterPerSecond",
            "batchFillPercent",
            "requestsInWindow",
            "rateLimited",
            "inFlight",
            "pending",
            "credits")) {
      series.put(name, new ArrayList<>());
    }
    for (int i = 1; i < samples.size(); i++) {
      MetricsSnapshot before = samples.get(i - 1);
      MetricsSnapshot after = samples.get(i);
      double dt = seconds(Duration.between(before.at(), after.at()));
      if (dt <= 0) {
        continue;
      }
      series.get("t").add(after.at().toEpochMilli() / 1000.0);
      series.get("inPerSecond").add(rate(before, after, dt, MetricsSnapshot::recordsIn));
      series.get("enrichedPerSecond").add(rate(before, after, dt, s -> s.recordsOut("enriched")));
      series.get("unmatchedPerSecond").add(rate(before, after, dt, s -> s.recordsOut("unmatched")));
      series
          .get("deadLetterPerSecond")
          .add(rate(before, after, dt, s -> s.recordsOut("dead_letter")));
      series.get("batchFillPercent").add(intervalFill(before, after));
      series.get("requestsInWindow").add(requestsInWindow(samples, i));
      series.get("rateLimited").add(after.rateLimited() - before.rateLimited());
      series.get("inFlight").add(after.inFlight());
      series.get("pending").add(after.pending());
      series.get("credits").add(after.credits());
    }
    return new LinkedHashMap<>(series);
  }

  private Double intervalFill(MetricsSnapshot before, MetricsSnapshot after) {
    double batches = after.batches() - before.batches();
    return batches <= 0
        ? null
        : 100.0
            * (after.batchIdentifiers() - before.batchIdentifiers())
            / batches
            / limits.maxBatchSize();
  }

  private static double rate(
      MetricsSnapshot before,
      MetricsSnapshot after,
      double dt,
      ToDoubleFunction<MetricsSnapshot> f) {
    return Math.max(0, f.applyAsDouble(after) - f.applyAsDouble(before)) / dt;
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
