package io.personenricher.quota;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the quota shares an API key's permits.
 *
 * @param instanceId this instance's name in the ledger (unique among the application's instances)
 * @param window the API's sliding window (60 s; scaled down in tests)
 * @param margin the part of each window left unscheduled, for late sends, network and clock skew
 * @param cap an explicit limit per window ({@code enricher.api.rate.limit.requests}); empty for
 *     {@code auto} (learned from the API)
 * @param headroom permits per window left for other users of the key
 * @param horizon how far ahead urgent work claims slots, to hide the ledger's round trip
 * @param lead the least time between appending a claim and its slot's start
 * @param handoff how long before its slot's start a permit may be handed to a task (the request
 *     then waits in the client until the slot starts)
 * @param maxJitter upper bound of the random delay added to a pause the API asked for (429)
 */
public record QuotaSettings(
    String instanceId,
    Duration window,
    Duration margin,
    Optional<Integer> cap,
    int headroom,
    Duration horizon,
    Duration lead,
    Duration handoff,
    Duration maxJitter) {

  public QuotaSettings {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(margin, "margin");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(handoff, "handoff");
    Objects.requireNonNull(maxJitter, "maxJitter");
  }

  /** One instance alone with the API's documented window and learned limits. */
  public static QuotaSettings defaults(String instanceId) {
    Duration window = Duration.ofSeconds(60);
    return new QuotaSettings(
        instanceId,
        window,
        Duration.ofMillis(SlotGrid.defaultMarginMs(window.toMillis())),
        Optional.empty(),
        0,
        Duration.ofSeconds(1),
        Duration.ofMillis(100),
        Duration.ofMillis(150),
        Duration.ofSeconds(1));
  }

  public QuotaSettings withWindow(Duration newWindow, Optional<Integer> newCap) {
    return new QuotaSettings(
        instanceId,
        newWindow,
        Duration.ofMillis(SlotGrid.defaultMarginMs(newWindow.toMillis())),
        newCap,
        headroom,
        horizon,
        lead,
        handoff,
        maxJitter);
  }
}
