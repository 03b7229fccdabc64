package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * How an instance is named in the shared ledgers (the quota's and the credit budget's), and what
 * the ledger topics are called.
 */
final class QuotaInstance {

  private QuotaInstance() {}

  /** A name unique among the application's instances: the host, and a random part per start. */
  static String newId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "instance";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The application's ledger topic: one partition, the quota's single order. */
  static String ledgerTopic(EnricherConfig config) {
    return config.getString(EnricherConfig.APPLICATION_ID) + "-quota-ledger";
  }

  /** The application's credit ledger: one partition, the credit budget's single order. */
  static String creditLedgerTopic(EnricherConfig config) {
    return config.getString(EnricherConfig.APPLICATION_ID) + "-credits";
  }

  /** What the credit ledger must retain at least: two of the longest period, and a day. */
  static java.time.Duration creditLedgerRetention(EnricherConfig config) {
    java.time.Duration twoPeriods = config.budgetSettings().period().longest().multipliedBy(2);
    java.time.Duration day = java.time.Duration.ofDays(1);
    return twoPeriods.compareTo(day) > 0 ? twoPeriods : day;
  }
}
