package io.personenricher.app;

import io.personenricher.app.status.CreditsCard;
import io.personenricher.client.VertxEnrichClient;
import io.personenricher.config.EnricherConfig;
import io.personenricher.credits.BudgetSettings;
import io.personenricher.credits.CreditBudget;
import io.personenricher.credits.CreditMetrics;
import io.personenricher.credits.CreditRecord;
import io.personenricher.credits.LedgerCreditBudget;
import io.personenricher.credits.UnlimitedBudget;
import io.personenricher.ledger.InMemoryLog;
import io.personenricher.ledger.KafkaLog;
import io.personenricher.ledger.LedgerReader;
import io.personenricher.ledger.SharedLog;
import io.personenricher.quota.Endpoint;
import io.personenricher.quota.InMemoryQuotaLedger;
import io.personenricher.quota.KafkaQuotaLedger;
import io.personenricher.quota.LedgerPermitBroker;
import io.personenricher.quota.QuotaLedger;
import io.personenricher.quota.QuotaMetrics;
import io.personenricher.quota.QuotaSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the instances of one application share, and how: the API quota (the permit broker over the
 * quota ledger) and the credit budget (over the credit ledger). With {@code
 * enricher.quota.coordination=kafka} both ledgers are one-partition topics of the application, each
 * read by a thread of its own; with {@code local} both live in memory and are decided inline.
 * Without a budget there is no credit ledger at all.
 *
 * <p>Threading notes: built and closed on the owner's thread; the readers are daemon threads that
 * {@link #close} stops first.
 */
final class Ledgers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Ledgers.class);

  private final QuotaSettings quotaSettings;
  private final QuotaLedger quotaLedger;
  private final LedgerPermitBroker permits;
  private final SharedLog<CreditRecord> creditLedger;
  private final CreditBudget budget;
  private final List<LedgerReader> readers = new ArrayList<>();

  /** Builds both; what was opened is registered with {@code opened}, to close if building fails. */
  Ledgers(
      EnricherConfig config,
      QuotaMetrics quotaMetrics,
      CreditMetrics creditMetrics,
      Clock clock,
      CloseOnFailure opened) {
    String instanceId = QuotaInstance.newId();
    boolean shared = config.quotaThroughKafka();
    this.quotaSettings = config.quotaSettings(instanceId);
    this.quotaLedger =
        opened.add(
            "quota ledger",
            shared
                ? new KafkaQuotaLedger(
                    KafkaClientConfigs.producer(config),
                    KafkaClientConfigs.consumer(config),
                    QuotaInstance.ledgerTopic(config),
                    instanceId)
                : new InMemoryQuotaLedger(),
            QuotaLedger::close);
    this.permits =
        new LedgerPermitBroker(
            quotaSettings,
            quotaLedger,
            quotaMetrics,
            () -> ThreadLocalRandom.current().nextDouble());
    if (shared) {
      readers.add(new LedgerReader(permits::catchUp, clock, "quota-ledger-reader"));
    }
    BudgetSettings budgetSettings = config.budgetSettings();
    if (budgetSettings.budget().isEmpty()) {
      this.creditLedger = null;
      this.budget = new UnlimitedBudget(budgetSettings.period(), clock);
      return;
    }
    this.creditLedger =
        opened.add(
            "credit ledger",
            shared
                ? new KafkaLog<>(
                    KafkaClientConfigs.producer(config),
                    KafkaClientConfigs.consumer(config),
                    QuotaInstance.creditLedgerTopic(config),
                    instanceId + "-credits",
                    CreditRecord.CODEC)
                : new InMemoryLog<>(clock),
            SharedLog::close);
    LedgerCreditBudget ledgerBudget =
        new LedgerCreditBudget(budgetSettings, creditLedger, instanceId, creditMetrics, clock);
    this.budget = ledgerBudget;
    if (shared) {
      readers.add(new LedgerReader(ledgerBudget::catchUp, clock, "credit-ledger-reader"));
    }
    log.info(
        "Credit budget: {} credits per {} for the whole application{}",
        budgetSettings.budget().get(),
        budgetSettings.period(),
        shared
            ? ", shared through " + QuotaInstance.creditLedgerTopic(config)
            : " (coordination local: this instance alone)");
  }

  /** Creates the ledger topics the configuration needs when they are missing. */
  static void ensureTopics(EnricherConfig config, Duration timeout) {
    if (!config.quotaThroughKafka()) {
      return;
    }
    TopicCheck.ensureLedger(
        KafkaClientConfigs.admin(config), QuotaInstance.ledgerTopic(config), timeout);
    if (config.budgetSettings().budget().isPresent()) {
      TopicCheck.ensureCreditLedger(
          KafkaClientConfigs.admin(config),
          QuotaInstance.creditLedgerTopic(config),
          QuotaInstance.creditLedgerRetention(config),
          timeout);
    }
  }

  /** Gives the quota the key's limits as the API lists them ({@link AccountLimits}). */
  void adoptAccountLimits(VertxEnrichClient client) {
    AccountLimits.adopt(client, permits);
  }

  /** The status page's cards of the quota and the credit budget. */
  Map<String, Map<String, Object>> statusSections(long nowMs) {
    Map<String, Object> quota = new LinkedHashMap<>();
    quota.put("endpoint", Endpoint.ENRICH.path());
    quota.put("permitsPerWindow", permits.permitsPerWindow(Endpoint.ENRICH, nowMs));
    quota.put("windowSeconds", quotaSettings.window().toMillis() / 1000.0);
    quota.put(
        "thisInstancesShare", Math.round(permits.share(Endpoint.ENRICH, nowMs) * 1000) / 1000.0);
    quota.put("instance", quotaSettings.instanceId());
    Map<String, Map<String, Object>> sections = new LinkedHashMap<>();
    sections.put("quota", quota);
    sections.put("credits", CreditsCard.of(budget.status()));
    return sections;
  }

  /** Starts the reader threads of the Kafka ledgers. */
  void start() {
    readers.forEach(LedgerReader::start);
  }

  QuotaSettings quotaSettings() {
    return quotaSettings;
  }

  LedgerPermitBroker permits() {
    return permits;
  }

  CreditBudget budget() {
    return budget;
  }

  @Override
  public void close() {
    readers.forEach(LedgerReader::close);
    quotaLedger.close();
    if (creditLedger != null) {
      creditLedger.close();
    }
  }
}
