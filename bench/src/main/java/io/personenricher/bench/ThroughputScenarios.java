package io.personenricher.bench;

import io.personenricher.quota.Endpoint;
import io.personenricher.quota.SlotGrid;
import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatorSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenarios 1 (quota-bound) and 2 (latency-bound): the real topology and client draining a backlog against the
 * simulator, with and without a rate limit.
 */
final class ThroughputScenarios {

  /** No practical limit, for "no rate limit" runs (the simulator requires a positive one). */
  static final int UNLIMITED = 1_000_000;
  static final int BATCH = 25;

  private ThroughputScenarios() {}

  static SimulatorSettings simulator(int rateLimit, Duration window, Duration latency) {
    return SimulatorSettings.defaults()
        .withDataset(200_000, 42L)
        .withRateLimit(rateLimit, window)
        .withLatency(latency.isZero() ? LatencyModel.none() : LatencyModel.fixed(latency));
  }

  static void quotaBound(BenchInfra infra, BenchPlan plan, Results results) {
    String s = "1 quota-bound";
    double allowedPerSecond = plan.quotaRequests() / (plan.quotaWindow().toMillis() / 1000.0);
    double minimumSeconds = plan.quotaEvents() / (double) BATCH / allowedPerSecond;
    // Two input partitions: two tasks share the one client and its quota, as a deployed instance does.
    PipelineDrain run = PipelineDrain.run(infra, new PipelineDrain.Spec("quota", 2, plan.quotaEvents(),
        simulator(plan.quotaRequests(), plan.quotaWindow(), plan.latency()), 4, plan.quotaRequests(),
        plan.quotaWindow(), Duration.ofSeconds((long) (minimumSeconds * 3 + 60))));
    double drainSeconds = run.drainMillis() / 1000.0;
    long requests = run.simulator().requestsReceived();
    double achievedPerSecond = run.firstToLastRequestMillis() > 0
        ? (requests - 1) * 1000.0 / run.firstToLastRequestMillis() : 0;
    double achievedOverDrain = requests / drainSeconds;
    results.row(s, "events drained", run.outputs() + " / " + run.events(), "all", run.complete());
    results.row(s, "identifiers per API request", Results.f(run.identifiersPerRequest(), 2), ">= 24.5",
        run.identifiersPerRequest() >= 24.5);
    results.row(s, "requests per window achieved / allowed", Results.f(achievedPerSecond / allowedPerSecond, 3),
        ">= 0.98", achievedPerSecond / allowedPerSecond >= 0.98);
    results.info(s, "same, over the whole drain (incl. start, tail)", Results.f(achievedOverDrain / allowedPerSecond, 3));
    results.info(s, "most requests in any window / allowed",
        run.simulator().maxRequestsInAnyWindow() + " / " + plan.quotaRequests());
    results.row(s, "429s received", Long.toString(run.simulator().rateLimited429()), "0",
        run.simulator().rateLimited429() == 0);
    results.row(s, "drain time / theoretical minimum",
        Results.f(drainSeconds, 1) + " s / " + Results.f(minimumSeconds, 1) + " s = "
            + Results.f(drainSeconds / minimumSeconds, 3), "", null);
    RequestGaps gaps = RequestGaps.of(run.arrivalNanos());
    if (gaps != null) {
      // Where the unused share of the quota went: the steady pace, or the odd stall.
      results.info(s, "gaps between requests: typical (the client's slot is " + Results.f(clientGrid(plan).slotMs(), 1) + " ms) / longest (at)",
          Results.f(gaps.medianMillis(), 1) + " ms / " + Results.f(gaps.longestMillis(), 0) + " ms (" + Results.f(
              gaps.longestAtSeconds(), 1) + " s after the first request)");
      results.info(s, "stalls (gaps of " + Results.f(RequestGaps.STALL_SLOTS, 0) + "+ typical gaps) and the slots "
          + "they cost", gaps.stalls() + ", " + gaps.slotsLostToStalls() + " slots");
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("events", run.events());
    d.put("outputs", run.outputs());
    d.put("inputPartitions", 2);
    d.put("rateLimit", plan.quotaRequests() + " per " + plan.quotaWindow().toMillis() + " ms");
    d.put("latencyMs", plan.latency().toMillis());
    d.put("requests", requests);
    d.put("identifiersReceived", run.simulator().identifiersReceived());
    d.put("largestBatch", run.simulator().largestBatch());
    d.put("identifiersPerRequest", run.identifiersPerRequest());
    d.put("rateLimited429", run.simulator().rateLimited429());
    d.put("maxRequestsInAnyWindow", run.simulator().maxRequestsInAnyWindow());
    d.put("firstToLastRequestMs", run.firstToLastRequestMillis());
    d.put("achievedRequestsPerSecond", achievedPerSecond);
    d.put("allowedRequestsPerSecond", allowedPerSecond);
    d.put("drainMs", run.drainMillis());
    d.put("theoreticalMinimumMs", (long) (minimumSeconds * 1000));
    d.put("batchesByReason", run.metrics().batchesByReason());
    d.put("responses", run.metrics().responses());
    d.put("retries", run.metrics().retries());
    d.put("requestGaps", gaps);
    d.put("realWorldEquivalent", "at the real 60 requests per 60 s the same drain takes at least "
        + Results.f(plan.quotaEvents() / (double) BATCH / 60.0, 1) + " min");
    results.details(s, d);
  }

  /** The slot grid of the harness's quota client in scenario 1 (its default margin). */
  private static SlotGrid clientGrid(BenchPlan plan) {
    long windowMs = plan.quotaWindow().toMillis();
    return new SlotGrid(Endpoint.ENRICH, plan.quotaRequests(), windowMs, SlotGrid.defaultMarginMs(windowMs), 0);
  }

  /**
   * Scenario 2, and the pipeline side of scenario 4: for each in-flight bound, a backlog sized to last about
   * {@code latencySeconds} at the bound, on one input partition (one task, so the per-task bound is the bound).
   *
   * @return the drain of each in-flight bound
   */
  static Map<Integer, PipelineDrain> latencyBound(BenchInfra infra, BenchPlan plan, Results results) {
    String s = "2 latency-bound";
    Map<Integer, PipelineDrain> rates = new LinkedHashMap<>();
    Map<String, Object> d = new LinkedHashMap<>();
    double latencySeconds = plan.latency().toMillis() / 1000.0;
    for (int inFlight : plan.inFlights()) {
      double bound = inFlight * BATCH / latencySeconds;
      int events = (int) Math.ceil(bound * plan.latencySeconds() / BATCH) * BATCH;
      PipelineDrain run = PipelineDrain.run(infra, new PipelineDrain.Spec("latency-" + inFlight, 1, events,
          simulator(UNLIMITED, Duration.ofSeconds(60), plan.latency()), inFlight, UNLIMITED, Duration.ofSeconds(60),
          Duration.ofSeconds(plan.latencySeconds() * 6L + 30)));
      rates.put(inFlight, run);
      results.row(s, "in-flight " + inFlight + ": identifiers/s vs bound " + Results.f(bound, 0),
          Results.f(run.steadyRate(), 0) + " = " + Results.f(run.steadyRate() / bound, 3) + " of bound", ">= 0.95",
          run.steadyRate() / bound >= 0.95 && run.complete());
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("events", events);
      one.put("outputs", run.outputs());
      one.put("bound", bound);
      one.put("identifiersPerSecond", run.steadyRate());
      one.put("drainMs", run.drainMillis());
      one.put("requests", run.simulator().requestsReceived());
      one.put("identifiersPerRequest", run.identifiersPerRequest());
      one.put("batchesByReason", run.metrics().batchesByReason());
      one.put("responses", run.metrics().responses());
      d.put("inFlight" + inFlight, one);
      if (!run.complete()) {
        results.note("Scenario 2, in-flight " + inFlight + ": only " + run.outputs() + " of " + events
            + " events drained before the timeout; the rate is over what drained.");
      }
    }
    results.details(s, d);
    return rates;
  }
}
