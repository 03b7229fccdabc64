package io.personenricher.credits;

import io.personenricher.quota.Endpoint;
import java.util.ArrayList;
import java.util.List;

/** Credit metrics that keep what they were told, for assertions. */
final class RecordingCreditMetrics implements CreditMetrics {

  record Spent(Endpoint endpoint, double credits, double ratio) {}

  final List<Double> perMatch = new ArrayList<>();
  final List<Double> upperBounds = new ArrayList<>();
  final List<Spent> spent = new ArrayList<>();
  final List<Endpoint> denied = new ArrayList<>();
  int warnings;
  double saved;

  @Override
  public synchronized void estimated(Endpoint endpoint, double perMatch, double upperBound) {
    this.perMatch.add(perMatch);
    this.upperBounds.add(upperBound);
  }

  @Override
  public synchronized void spent(Endpoint endpoint, double credits, double ratio) {
    spent.add(new Spent(endpoint, credits, ratio));
  }

  @Override
  public synchronized void reservationDenied(Endpoint endpoint) {
    denied.add(endpoint);
  }

  @Override
  public synchronized void budgetWarning() {
    warnings++;
  }

  @Override
  public synchronized void recordCreditsSaved(
      Endpoint endpoint, long hits, double estimatedCreditsPerHit) {
    saved += hits * estimatedCreditsPerHit;
  }
}
