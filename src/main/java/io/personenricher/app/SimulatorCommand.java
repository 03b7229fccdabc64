package io.personenricher.app;

import io.personenricher.simulator.CrustdataSimulator;
import io.personenricher.simulator.EndpointSettings;
import io.personenricher.simulator.FaultSettings;
import io.personenricher.simulator.LatencyModel;
import io.personenricher.simulator.SimulatedEndpoint;
import io.personenricher.simulator.SimulatorSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code enricher simulator}: the Crustdata API simulator alone, until Ctrl-C. The flags map onto
 * {@link SimulatorSettings}; faults and keys can also be changed at run time through {@code POST
 * /admin/faults}.
 *
 * <p>Threading notes: the caller's thread starts and closes the simulator (which answers on its own
 * Vert.x event loop); the Ctrl-C hook thread only releases the caller and waits (bounded) until the
 * close is done.
 */
@Command(
    name = "simulator",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the Crustdata API simulator (deterministic synthetic people, per-endpoint rate limits, credits, "
          + "injected faults) until Ctrl-C: POST /person/enrich, /person/search, "
          + "/person/professional_network/enrich/live, /person/contact/enrich; GET /account/endpoints, "
          + "/user/credits, /account/credits. Stats: GET /admin/stats.",
      "Point the processor at it with --set enricher.api.base.url=http://localhost:PORT "
          + "--set enricher.api.key="
          + SimulatorSettings.DEFAULT_API_KEY
          + " (and the same rate limit/window as here)."
    })
final class SimulatorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8089",
      description = "HTTP port; 0 picks one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--dataset-size",
      defaultValue = "10000",
      description = "People in the generated dataset (default: ${DEFAULT-VALUE}).")
  int datasetSize;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description =
          "Dataset seed: the same seed and size serve the same people (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--rate-limit",
      defaultValue = "15",
      description =
          "/person/enrich requests allowed per window per key (default: ${DEFAULT-VALUE}, as the API).")
  int rateLimit;

  @Option(
      names = "--search-rate-limit",
      defaultValue = "30",
      description = "/person/search requests per window per key (default: ${DEFAULT-VALUE}).")
  int searchRateLimit;

  @Option(
      names = "--live-rate-limit",
      defaultValue = "10",
      description = "Live enrich requests per window per key (default: ${DEFAULT-VALUE}).")
  int liveRateLimit;

  @Option(
      names = "--contact-rate-limit",
      defaultValue = "15",
      description =
          "/person/contact/enrich requests per window per key (default: ${DEFAULT-VALUE}).")
  int contactRateLimit;

  @Option(
      names = "--account-rate-limit",
      defaultValue = "300",
      description =
          "Requests per window per key to each of /account/endpoints, /user/credits and "
              + "/account/credits (default: ${DEFAULT-VALUE}).")
  int accountRateLimit;

  @Option(
      names = "--rate-window-ms",
      defaultValue = "60000",
      description =
          "Every endpoint's sliding window in ms (default: ${DEFAULT-VALUE}, as the API); a shorter "
              + "one scales a test down, and /account/endpoints reports the limits per minute.")
  long rateWindowMs;

  @Option(
      names = "--latency-ms",
      defaultValue = "0",
      description =
          "Answer latency in ms; with --latency-max-ms, uniform between the two (default: ${DEFAULT-VALUE}).")
  long latencyMs;

  @Option(
      names = "--latency-max-ms",
      description = "Upper bound of a uniform latency (default: --latency-ms).")
  Long latencyMaxMs;

  @Option(
      names = "--live-latency-ms",
      defaultValue = "2000",
      description =
          "Live enrich latency in ms, uniform up to --live-latency-max-ms (default: ${DEFAULT-VALUE}).")
  long liveLatencyMs;

  @Option(
      names = "--live-latency-max-ms",
      defaultValue = "5000",
      description = "Upper bound of the live enrich latency (default: ${DEFAULT-VALUE}).")
  long liveLatencyMaxMs;

  @Option(
      names = "--no-live-entitlement",
      description = "Live enrich answers every key 403 permission_error (a plan without it).")
  boolean noLiveEntitlement;

  @Option(
      names = "--no-contact-entitlement",
      description = "Contact enrich answers every key 403 permission_error (a self-serve plan).")
  boolean noContactEntitlement;

  @Option(
      names = "--not-indexed-fraction",
      defaultValue = "0.1",
      description =
          "Share (0 to 0.9) of valid profile URLs that only live enrich finds; enrich and search "
              + "miss them (default: ${DEFAULT-VALUE}).")
  double notIndexedFraction;

  @Option(
      names = "--no-account-endpoints",
      description = "GET /account/endpoints answers 404 (an account or API revision without it).")
  boolean noAccountEndpoints;

  @Option(
      names = "--error-500",
      defaultValue = "0",
      description = "Probability of a 500 answer (0 to 1).")
  double error500;

  @Option(
      names = "--error-502",
      defaultValue = "0",
      description = "Probability of a 502 answer (0 to 1).")
  double error502;

  @Option(
      names = "--error-503",
      defaultValue = "0",
      description = "Probability of a 503 answer (0 to 1).")
  double error503;

  @Option(
      names = "--timeout-rate",
      defaultValue = "0",
      description = "Probability of never answering (the client times out), 0 to 1.")
  double timeoutRate;

  @Option(
      names = "--reset-rate",
      defaultValue = "0",
      description = "Probability of closing the connection without an answer, 0 to 1.")
  double resetRate;

  @Option(
      names = "--malformed-rate",
      defaultValue = "0",
      description = "Probability of a 200 whose body is not valid JSON, 0 to 1.")
  double malformedRate;

  @Option(
      names = "--credits",
      defaultValue = "1000000",
      description =
          "Starting credit balance; 0 makes every billable request a 402 (default: ${DEFAULT-VALUE}).")
  double credits;

  @Option(
      names = "--api-key",
      split = ",",
      defaultValue = SimulatorSettings.DEFAULT_API_KEY,
      description =
          "Valid API key(s), comma-separated (default: ${DEFAULT-VALUE}); any other key gets 401.")
  Set<String> apiKeys;

  /** The settings these flags describe. */
  SimulatorSettings settings() {
    LatencyModel latency =
        latencyMaxMs != null && latencyMaxMs > latencyMs
            ? LatencyModel.uniform(Duration.ofMillis(latencyMs), Duration.ofMillis(latencyMaxMs))
            : latencyMs > 0
                ? LatencyModel.fixed(Duration.ofMillis(latencyMs))
                : LatencyModel.none();
    FaultSettings faults =
        FaultSettings.none()
            .withServerErrors(error500, error502, error503)
            .withTransportFaults(timeoutRate, resetRate, malformedRate, 0);
    SimulatorSettings settings =
        SimulatorSettings.defaults()
            .withPort(port)
            .withDataset(datasetSize, seed)
            .withRateLimit(rateLimit, Duration.ofMillis(rateWindowMs))
            .withLatency(latency)
            .withFaults(faults)
            .withCreditBalance(credits)
            .withApiKeys(apiKeys, Set.of())
            .withNotIndexedFraction(notIndexedFraction)
            .withAccountEndpoints(!noAccountEndpoints)
            .withEndpointRateLimit(SimulatedEndpoint.SEARCH, searchRateLimit)
            .withEndpoint(
                SimulatedEndpoint.LIVE_ENRICH,
                new EndpointSettings(
                    liveRateLimit,
                    LatencyModel.uniform(
                        Duration.ofMillis(liveLatencyMs),
                        Duration.ofMillis(Math.max(liveLatencyMs, liveLatencyMaxMs))),
                    !noLiveEntitlement))
            .withEndpointRateLimit(SimulatedEndpoint.CONTACT_ENRICH, contactRateLimit)
            .withEntitlement(SimulatedEndpoint.CONTACT_ENRICH, !noContactEntitlement);
    for (SimulatedEndpoint account :
        new SimulatedEndpoint[] {
          SimulatedEndpoint.ACCOUNT_ENDPOINTS,
          SimulatedEndpoint.USER_CREDITS,
          SimulatedEndpoint.ACCOUNT_CREDITS
        }) {
      settings = settings.withEndpointRateLimit(account, accountRateLimit);
    }
    return settings;
  }

  @Override
  public Integer call() throws InterruptedException {
    SimulatorSettings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    try (CrustdataSimulator simulator = new CrustdataSimulator(settings)) {
      simulator.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    stop.countDown();
                    try {
                      closed.await(15, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "enricher-simulator-stop"));
      out.println(
          "Crustdata API simulator on "
              + simulator.baseUrl()
              + CrustdataSimulator.ENRICH_PATH
              + " ("
              + settings.datasetSize()
              + " people, seed "
              + settings.seed()
              + ", "
              + settings.rateLimitRequests()
              + " requests per "
              + settings.rateWindow().toMillis()
              + " ms); stats: "
              + simulator.baseUrl()
              + "/admin/stats. Ctrl-C stops it.");
      for (SimulatedEndpoint e : SimulatedEndpoint.values()) {
        if (e != SimulatedEndpoint.ENRICH) {
          out.printf(
              "  %-4s %s%s (%d per window)%n",
              e.method(), simulator.baseUrl(), e.path(), settings.endpoint(e).rateLimitRequests());
        }
      }
      out.flush();
      stop.await();
    } finally {
      closed.countDown();
    }
    return ExitCodes.OK;
  }
}
