package io.personenricher.credits;

import io.personenricher.ledger.LogEntry;
import io.personenricher.ledger.SharedLog;
import io.personenricher.quota.Endpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's credit budget, shared by every instance (and surviving restarts) through the
 * credit ledger: a one-partition, compacted topic of {@link CreditRecord}s that every instance
 * folds the same way ({@link CreditFold}).
 *
 * <p>This instance is one spender (a new one per start). It publishes its cumulative state in the
 * period (settled, and reserved) with every change: an ask for a reservation, a settlement, a
 * withdrawal. An ask is decided by the log's order, not by this instance's view: its record comes
 * back through the log and is granted iff the fold as of that record stays within the budget, so
 * several instances sending at once cannot together pass the budget by more than what their
 * requests cost beyond their estimates. The price is one round trip to the broker per request (tens
 * of milliseconds; the quota's permits are handed out ahead of their time for such waits).
 *
 * <p>Halting and resuming: a denied ask exhausts the budget until the next period starts, or until
 * the period has room for it again (an operator raised the budget, or reservations of other
 * instances settled below their estimates); {@link #exhaustedUntil()} says so to the client, which
 * then sends nothing and reports {@code BUDGET_EXHAUSTED}.
 *
 * <p>Threading notes: every method synchronises on the budget; futures are completed outside the
 * lock. {@link #reserve} and {@link #settle} are called from stream threads and the HTTP client's
 * threads; with a Kafka ledger, {@link #catchUp} runs on the ledger thread ({@link
 * io.personenricher.ledger.LedgerReader}) and completes the reservations; with a local ledger it
 * runs inside {@code reserve} and {@code settle}, so reservations are decided at once.
 */
public final class LedgerCreditBudget implements CreditBudget {

  private static final Logger log = LoggerFactory.getLogger(LedgerCreditBudget.class);

  /** The cheapest thing the API sells (a search result): a period with less room is spent. */
  static final double SMALLEST_PRICE = 0.03;

  private record Ask(
      Reservation reservation, CompletableFuture<BudgetDecision> decided, long atMs) {}

  /** Why the budget halts: an ask of {@code needed} credits that did not fit in {@code period}. */
  private record Denial(BudgetPeriod.Span period, double needed) {}

  /** What this spender settled in one period. */
  private record Mine(long periodStartMs, double settled) {}

  private final BudgetSettings settings;
  private final double budget;
  private final SharedLog<CreditRecord> ledger;
  private final String spender;
  private final CreditMetrics metrics;
  private final Clock clock;
  private final CreditFold fold = new CreditFold();

  // Guarded by this.
  private final Map<String, Mine> settled = new HashMap<>();
  private final Map<String, Reservation> granted = new HashMap<>();
  private final Map<String, Ask> asks = new LinkedHashMap<>();
  private Denial denial;
  private String warnedPeriod;
  private long sequence;

  /**
   * @param spender this run's name in the ledger (unique among the application's runs)
   */
  public LedgerCreditBudget(
      BudgetSettings settings,
      SharedLog<CreditRecord> ledger,
      String spender,
      CreditMetrics metrics,
      Clock clock) {
    this.settings = settings;
    this.budget =
        settings
            .budget()
            .orElseThrow(() -> new IllegalArgumentException("a ledger budget needs a budget"));
    this.ledger = ledger;
    this.spender = spender;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public CompletionStage<BudgetDecision> reserve(Endpoint endpoint, double credits) {
    Instant now = clock.instant();
    BudgetPeriod.Span span = settings.period().at(now);
    Ask ask;
    synchronized (this) {
      Reservation reservation =
          new Reservation(
              spender + "#" + sequence++,
              endpoint,
              span.id(),
              span.start().toEpochMilli(),
              Credits.round(credits));
      ask = new Ask(reservation, new CompletableFuture<>(), now.toEpochMilli());
      asks.put(reservation.id(), ask);
      write(spend(reservation.period(), reservation.periodStartMs(), reservation))
          .whenComplete(
              (written, error) -> {
                if (error != null) {
                  unavailable(reservation.id(), "could not write to the credit ledger: " + error);
                }
              });
    }
    caughtUpIfLocal(now.toEpochMilli());
    return ask.decided();
  }

  @Override
  public void settle(Reservation reservation, double credits) {
    synchronized (this) {
      if (granted.remove(reservation.id()) == null) {
        return;
      }
      Mine before = settled.get(reservation.period());
      double total = Credits.round((before == null ? 0 : before.settled()) + credits);
      settled.put(reservation.period(), new Mine(reservation.periodStartMs(), total));
      write(spend(reservation.period(), reservation.periodStartMs(), null))
          .whenComplete(
              (written, error) -> {
                if (error != null) {
                  // The next record of this spender carries the cumulative amount again.
                  log.warn(
                      "Could not write a settlement to the credit ledger: {}", error.toString());
                }
              });
    }
    caughtUpIfLocal(clock.millis());
  }

  /** Raises (or lowers an earlier raise of) the current period's budget for every instance. */
  public void raiseTo(double credits) {
    CreditRecord raise =
        CreditRecord.BudgetOverride.of(settings.period().at(clock.instant()), credits);
    ledger.append(raise.key(), raise);
    caughtUpIfLocal(clock.millis());
  }

  @Override
  public synchronized Optional<Instant> exhaustedUntil() {
    if (denial == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    BudgetPeriod.Span period = denial.period();
    if (!period.contains(now)) {
      log.info(
          "Credit budget: period {} began; processing resumes", settings.period().at(now).id());
      denial = null;
      return Optional.empty();
    }
    double room =
        effective(period.id())
            - fold.spent(period.id())
            - fold.reserved(period.id(), now.toEpochMilli());
    if (Credits.fits(denial.needed(), room)) {
      log.info(
          "Credit budget: {} credits left of {} in period {}; processing resumes",
          Credits.format(room),
          Credits.format(effective(period.id())),
          period.id());
      denial = null;
      return Optional.empty();
    }
    return Optional.of(period.end());
  }

  @Override
  public synchronized BudgetStatus status() {
    Instant now = clock.instant();
    BudgetPeriod.Span span = settings.period().at(now);
    return new BudgetStatus(
        span,
        Optional.of(budget),
        fold.override(span.id()),
        fold.spent(span.id()),
        fold.reserved(span.id(), now.toEpochMilli()),
        exhaustedUntil(),
        !ledger.local());
  }

  /** Credits the whole application settled in a period, as this instance has read the ledger. */
  public synchronized double spentIn(String period) {
    return fold.spent(period);
  }

  /**
   * Reads what the ledger holds and decides this spender's asks: the ledger thread's loop body
   * (and, with a local ledger, part of {@code reserve} and {@code settle}).
   *
   * @param maxWaitMs how long to wait for the ledger's next records
   */
  public void catchUp(long nowMs, long maxWaitMs) {
    List<Runnable> completions = new ArrayList<>();
    List<LogEntry<CreditRecord>> entries = ledger.poll(maxWaitMs);
    while (!entries.isEmpty()) {
      synchronized (this) {
        for (LogEntry<CreditRecord> entry : entries) {
          fold.apply(entry)
              .filter(verdict -> verdict.spender().equals(spender))
              .ifPresent(verdict -> decided(verdict, completions));
        }
      }
      // A local ledger has this instance's own withdrawals to fold at once; Kafka's come later.
      entries = ledger.local() ? ledger.poll(0) : List.of();
    }
    synchronized (this) {
      expireAsks(nowMs, completions);
      BudgetPeriod.Span span = settings.period().at(Instant.ofEpochMilli(nowMs));
      long keepFrom = span.start().toEpochMilli() - settings.period().longest().toMillis();
      fold.forgetBefore(keepFrom);
      settled.values().removeIf(mine -> mine.periodStartMs() < keepFrom);
      warnIfNearlySpent(span);
      haltIfSpentByAll(span);
    }
    completions.forEach(Runnable::run);
  }

  // ---------------------------------------------------------------------------------------------

  /** Under lock: the log decided one of this spender's asks. */
  private void decided(CreditFold.Verdict verdict, List<Runnable> completions) {
    Ask ask = asks.remove(verdict.askId());
    if (ask == null) {
      return; // it timed out before the log decided, and was withdrawn
    }
    Reservation reservation = ask.reservation();
    if (verdict.granted()) {
      granted.put(reservation.id(), reservation);
      completions.add(() -> ask.decided().complete(new BudgetDecision.Granted(reservation)));
      return;
    }
    write(spend(reservation.period(), reservation.periodStartMs(), null));
    metrics.reservationDenied(reservation.endpoint());
    BudgetPeriod.Span period =
        settings.period().at(Instant.ofEpochMilli(reservation.periodStartMs()));
    String message =
        "credit budget exhausted in period "
            + period.id()
            + ": "
            + Credits.format(verdict.total() - reservation.credits())
            + " of "
            + Credits.format(verdict.budget())
            + " credits spent or reserved across all instances, and this request may cost "
            + Credits.format(reservation.credits())
            + "; not sent; resumes at "
            + period.end()
            + " or when the budget is raised";
    if (denial == null || !denial.period().equals(period)) {
      log.warn(
          "Credit budget exhausted: {}. Processing halts (events stay pending, nothing is"
              + " dead-lettered). Raise enricher.credits.budget (or run `enricher credits budget"
              + " --raise-to N`) or wait for the next period.",
          message);
    }
    if (!Credits.fits(reservation.credits(), verdict.budget())) {
      log.error(
          "A request of {} credits can never fit in the budget of {} credits per period: raise"
              + " enricher.credits.budget, lower enricher.batch.max.size or request fewer fields",
          Credits.format(reservation.credits()),
          Credits.format(verdict.budget()));
    }
    denial = new Denial(period, reservation.credits());
    completions.add(() -> ask.decided().complete(new BudgetDecision.Denied(period.end(), message)));
  }

  /**
   * Under lock: a period whose budget the application has spent to the last credit halts this
   * instance too, although none of its own asks was denied: the application halts, not only the
   * instance whose request met the limit, and every instance's readiness says so.
   */
  private void haltIfSpentByAll(BudgetPeriod.Span span) {
    if (denial != null && denial.period().equals(span)) {
      return;
    }
    // Settled spend only: a reservation may still settle below its estimate and leave room.
    double room = effective(span.id()) - fold.spent(span.id());
    if (!Credits.fits(SMALLEST_PRICE, room)) {
      denial = new Denial(span, SMALLEST_PRICE);
    }
  }

  /** Under lock: asks the log did not decide in time are withdrawn and answered "unavailable". */
  private void expireAsks(long nowMs, List<Runnable> completions) {
    long timeoutMs = settings.askTimeout().toMillis();
    for (Ask ask : List.copyOf(asks.values())) {
      if (nowMs - ask.atMs() > timeoutMs) {
        asks.remove(ask.reservation().id());
        write(spend(ask.reservation().period(), ask.reservation().periodStartMs(), null));
        completions.add(
            () ->
                ask.decided()
                    .complete(
                        new BudgetDecision.Unavailable(
                            "the credit ledger did not decide within " + settings.askTimeout())));
      }
    }
  }

  private void unavailable(String askId, String message) {
    Ask ask;
    synchronized (this) {
      ask = asks.remove(askId);
    }
    if (ask != null) {
      log.warn("Credit budget: {}", message);
      ask.decided().complete(new BudgetDecision.Unavailable(message));
    }
  }

  /** Under lock: one warning per period once 80 % of the budget is spent. */
  private void warnIfNearlySpent(BudgetPeriod.Span span) {
    double spent = fold.spent(span.id());
    double limit = effective(span.id());
    if (span.id().equals(warnedPeriod) || spent < BudgetStatus.WARNING_RATIO * limit) {
      return;
    }
    warnedPeriod = span.id();
    metrics.budgetWarning();
    log.warn(
        "Credit budget: {} of {} credits spent in period {} across all instances ({}%); at 100%"
            + " processing halts until {} unless the budget is raised",
        Credits.format(spent),
        Credits.format(limit),
        span.id(),
        Math.round(100 * spent / limit),
        span.end());
  }

  private double effective(String period) {
    return Math.max(budget, fold.override(period).orElse(0.0));
  }

  /** Under lock: this spender's state in a period, asking for {@code ask} when not null. */
  private CreditRecord.Spend spend(String period, long periodStartMs, Reservation ask) {
    double reserved =
        granted.values().stream()
                .filter(r -> r.period().equals(period))
                .mapToDouble(Reservation::credits)
                .sum()
            + asks.values().stream()
                .map(Ask::reservation)
                .filter(r -> r.period().equals(period))
                .mapToDouble(Reservation::credits)
                .sum();
    Mine mine = settled.get(period);
    return new CreditRecord.Spend(
        period,
        periodStartMs,
        spender,
        mine == null ? 0 : mine.settled(),
        Credits.round(reserved),
        ask == null ? null : ask.id(),
        ask == null ? 0 : ask.credits(),
        budget,
        settings.reservationTtl().toMillis());
  }

  /** Under lock (so this spender's records reach the log in the order of their values). */
  private CompletionStage<Void> write(CreditRecord record) {
    return ledger.append(record.key(), record);
  }

  private void caughtUpIfLocal(long nowMs) {
    if (ledger.local()) {
      catchUp(nowMs, 0);
    }
  }
}
