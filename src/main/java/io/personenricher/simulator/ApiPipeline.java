package io.personenricher.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The order every API call goes through (spec §4.4): authentication, the endpoint's rate window,
 * the version header, entitlement, injected server faults, then the endpoint's own validation,
 * credits and lookup; body faults last. Every answer carries the window's {@code x-ratelimit-*}
 * headers and {@code x-credits-used}, and is counted.
 *
 * <p>Threading notes: not thread-safe; the simulator calls it under its lock.
 */
final class ApiPipeline {

  /** One endpoint's parts. */
  record Route(SlidingWindow window, EndpointHandler handler, EndpointCounters counters) {}

  private final Map<SimulatedEndpoint, Route> routes;
  private final RuntimeControls controls;
  private final FaultInjector injector;

  ApiPipeline(
      Map<SimulatedEndpoint, Route> routes, RuntimeControls controls, FaultInjector injector) {
    this.routes = new EnumMap<>(routes);
    this.controls = controls;
    this.injector = injector;
  }

  Route route(SimulatedEndpoint endpoint) {
    return routes.get(endpoint);
  }

  /** Whether a handler serves {@code endpoint}. */
  boolean serves(SimulatedEndpoint endpoint) {
    return routes.containsKey(endpoint);
  }

  ApiAnswer answer(ApiCall call) {
    Route route = routes.get(call.endpoint());
    route.counters().arrived(call);
    ApiAnswer answer = decide(call, route);
    route.counters().answered(answer);
    return answer;
  }

  private ApiAnswer decide(ApiCall call, Route route) {
    String key;
    try {
      key = controls.keys().authenticate(call.authorization());
    } catch (ApiRejection r) {
      // A bad key never consumes quota (APISIX runs key-auth before limit-count).
      return finish(r.answer(), RateDecision.untouched(route.window().limit()));
    }
    RateDecision rate =
        route.window().admit(key, call.nowNanos(), controls.takeForced429(call.endpoint()));
    if (!rate.allowed()) {
      return finish(
          ApiAnswer.error(
              429,
              "rate_limit_exceeded",
              "Rate limit exceeded. Retry after x-ratelimit-reset seconds."),
          rate);
    }
    FaultSettings faults = controls.faults(call.endpoint());
    try {
      VersionHeader.require(call.apiVersion());
      controls.requireEntitled(call.endpoint(), key);
      // Server-side faults strike once the request has passed the gateway.
      Optional<ApiAnswer> fault = injector.serverFault(faults);
      if (fault.isPresent()) {
        return finish(fault.get(), rate);
      }
      ApiAnswer answer = route.handler().handle(call, key, faults);
      return finish(
          answer.status() == 200 ? injector.corruptSuccess(answer, faults) : answer, rate);
    } catch (ApiRejection r) {
      return finish(r.answer(), rate);
    }
  }

  private static ApiAnswer finish(ApiAnswer answer, RateDecision rate) {
    Map<String, String> headers = rate.headers();
    headers.put("x-credits-used", CreditAccount.format(answer.credits()));
    return answer.withHeaders(headers);
  }
}
