package io.personenricher.config;

import static io.personenricher.config.ConfigValidators.between;
import static io.personenricher.config.ConfigValidators.oneOf;

import io.personenricher.batching.EndpointRouting;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.QuotaSettings;
import io.personenricher.quota.SlotGrid;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The API quota: the key's limit (learned from the API by default, or capped), its window, the
 * headroom left for others, how instances share it, and which endpoint each identifier kind uses;
 * builds {@link QuotaSettings} and {@link EndpointRouting}.
 */
public final class QuotaSection extends ConfigSection {

  public static final String API_RATE_LIMIT_REQUESTS = "enricher.api.rate.limit.requests";
  public static final String API_RATE_LIMIT_WINDOW_MS = "enricher.api.rate.limit.window.ms";
  public static final String API_RATE_LIMIT_HEADROOM = "enricher.api.rate.limit.headroom";
  public static final String API_MAX_JITTER_MS = "enricher.api.max.jitter.ms";
  public static final String QUOTA_COORDINATION = "enricher.quota.coordination";
  public static final String API_ENDPOINT_BUSINESS_EMAIL = "enricher.api.endpoint.business.email";
  public static final String API_ENDPOINT_PROFILE_URL = "enricher.api.endpoint.profile.url";

  /** Instances share the key's permits through a ledger topic of the application. */
  public static final String COORDINATION_KAFKA = "kafka";

  /** This instance has the key to itself; no ledger topic. */
  public static final String COORDINATION_LOCAL = "local";

  private static final String AUTO = "auto";

  @Override
  String group() {
    return "API quota";
  }

  @Override
  void define(SectionKeys keys) {
    keys.define(
        API_RATE_LIMIT_REQUESTS,
        Type.STRING,
        AUTO,
        autoOrBetween(1, 100_000),
        Importance.HIGH,
        "Requests per window the application (all instances together) may send to each endpoint. auto:"
            + " start at the API's documented limit (15 per minute for /person/enrich) and adopt the key's"
            + " own as the API states it (GET /account/endpoints at start-up, x-ratelimit-limit on every"
            + " answer). A number: start there and never go above it.",
        Width.SHORT,
        "Rate limit (requests)");
    keys.define(
        API_RATE_LIMIT_WINDOW_MS,
        Type.LONG,
        60_000L,
        between(1, 86_400_000, "milliseconds"),
        Importance.MEDIUM,
        "The sliding window of the rate limit (60 s at the API). Shorter only against the simulator.",
        Width.SHORT,
        "Rate-limit window");
    keys.define(
        API_RATE_LIMIT_HEADROOM,
        Type.INT,
        0,
        between(0, 100_000, "requests"),
        Importance.LOW,
        "Requests per window left unused for other users of the same API key (outside this"
            + " application); the application also waits for the API's reset whenever x-ratelimit-remaining"
            + " reaches this value because of them. Must stay below the limit.",
        Width.SHORT,
        "Rate-limit headroom");
    keys.define(
        API_MAX_JITTER_MS,
        Type.LONG,
        1_000L,
        between(0, 600_000, "milliseconds"),
        Importance.LOW,
        "Upper bound of the random delay added to the pause a 429 asks for, so the instances do not all"
            + " resume at the same instant.",
        Width.SHORT,
        "Max jitter");
    keys.define(
        QUOTA_COORDINATION,
        Type.STRING,
        COORDINATION_KAFKA,
        oneOf(COORDINATION_KAFKA, COORDINATION_LOCAL),
        Importance.MEDIUM,
        "How instances with the same application.id share the key's permits. kafka: through the"
            + " one-partition ledger topic <application.id>-quota-ledger (created at start-up), so any"
            + " number of instances stay within the key's limit together, each taking what its work needs."
            + " local: this instance alone uses the key (no topic).",
        Width.SHORT,
        "Quota coordination");
    keys.define(
        API_ENDPOINT_BUSINESS_EMAIL,
        Type.STRING,
        Endpoint.ENRICH.path(),
        oneOf(Endpoint.ENRICH.path(), Endpoint.CONTACT_ENRICH.path()),
        Importance.LOW,
        "Where business emails are looked up: /person/enrich (the contract this project was built on) or,"
            + " for keys on the newer contract, /person/contact/enrich (its own quota).",
        Width.MEDIUM,
        "Business email endpoint");
    keys.define(
        API_ENDPOINT_PROFILE_URL,
        Type.STRING,
        Endpoint.ENRICH.path(),
        oneOf(Endpoint.ENRICH.path()),
        Importance.LOW,
        "Where profile URLs are looked up: /person/enrich.",
        Width.MEDIUM,
        "Profile URL endpoint");
  }

  @Override
  void crossCheck(CrossCheck check) {
    Object limit = check.value(API_RATE_LIMIT_REQUESTS);
    if (limit == null || AUTO.equals(limit.toString().trim().toLowerCase(Locale.ROOT))) {
      return;
    }
    long headroom = check.number(API_RATE_LIMIT_HEADROOM);
    long requests = Long.parseLong(limit.toString().trim());
    if (headroom >= requests) {
      check.invalid(
          API_RATE_LIMIT_HEADROOM,
          headroom,
          "must be below "
              + API_RATE_LIMIT_REQUESTS
              + " ("
              + requests
              + "), or nothing is ever sent; lower it");
    }
  }

  static QuotaSettings quotaSettings(EnricherConfig config, String instanceId) {
    Duration window = millis(config, API_RATE_LIMIT_WINDOW_MS);
    String limit = config.getString(API_RATE_LIMIT_REQUESTS).trim().toLowerCase(Locale.ROOT);
    QuotaSettings defaults = QuotaSettings.defaults(instanceId);
    return new QuotaSettings(
        instanceId,
        window,
        Duration.ofMillis(SlotGrid.defaultMarginMs(window.toMillis())),
        AUTO.equals(limit) ? Optional.empty() : Optional.of(Integer.parseInt(limit)),
        config.getInt(API_RATE_LIMIT_HEADROOM),
        defaults.horizon(),
        defaults.lead(),
        defaults.handoff(),
        millis(config, API_MAX_JITTER_MS));
  }

  static boolean coordinatedThroughKafka(EnricherConfig config) {
    return COORDINATION_KAFKA.equals(config.getString(QUOTA_COORDINATION));
  }

  static EndpointRouting endpoints(EnricherConfig config) {
    return new EndpointRouting(
        Endpoint.ofPath(config.getString(API_ENDPOINT_BUSINESS_EMAIL)),
        Endpoint.ofPath(config.getString(API_ENDPOINT_PROFILE_URL)));
  }

  private static ConfigDef.Validator autoOrBetween(long min, long max) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        String text = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
        if (AUTO.equals(text)) {
          return;
        }
        long number;
        try {
          number = Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw new ConfigException(
              name,
              value,
              "must be auto or a number of requests per window (" + min + " to " + max + ")");
        }
        if (number < min || number > max) {
          throw new ConfigException(
              name,
              value,
              "must be auto or between " + min + " and " + max + " requests per window");
        }
      }

      @Override
      public String toString() {
        return "auto, or " + min + " to " + max;
      }
    };
  }
}
