package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** How an instance is named in the quota ledger, and what the ledger topic is called. */
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
}
