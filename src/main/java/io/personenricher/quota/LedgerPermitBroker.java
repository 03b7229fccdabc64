package io.personenricher.quota;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/**
 * The application's quota for one API key, shared by every instance through the quota ledger.
 *
 * <p>Each endpoint's permits are the slots of a grid ({@link SlotGrid}): the key's limit per
 * window, evenly spread. Instances claim slots in the ledger ({@link ClaimPlanner}); the ledger's
 * single order decides each slot's one owner ({@link SlotBook}), so instances can never together
 * exceed the limit, however many there are and whatever their views; a slot comes to an instance
 * every k windows when there are more instances than permits. Within the instance, the won slots go
 * to the task whose work is most worth sending ({@link TaskBoard}).
 *
 * <p>The API has the last word: its {@code x-ratelimit-limit} and account listing set the grid (an
 * explicit limit caps it), and a 429 pauses every instance until the reset it names.
 *
 * <p>Threading notes: every method synchronises on the broker. Stream threads call {@link #offer}
 * and {@link #withdraw}; I/O threads call {@link #answered}. With a {@link QuotaLedger#local()
 * local} ledger the broker catches up with the ledger inside {@code offer}; otherwise a ledger
 * thread calls {@link #catchUp} in a loop.
 */
public final class LedgerPermitBroker implements PermitBroker, QuotaFeedback {

  /** A local ledger is caught up at least this often while tasks offer nothing. */
  private static final long LOCAL_CATCH_UP_MS = 10;

  /** The grid is appended again this often, so the ledger's retention (an hour) keeps it. */
  static final long GRID_REFRESH_MS = 15 * 60_000;

  private final QuotaSettings settings;
  private final QuotaLedger ledger;
  private final QuotaMetrics metrics;
  private final DoubleSupplier random;
  private final LimitLearner limits;
  private final ClaimPlanner planner;
  private final Map<Endpoint, SlotBook> books = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, TaskBoard> boards = new EnumMap<>(Endpoint.class);

  /** Per endpoint, the slots this instance won and has not used, expired or released yet. */
  private final Map<Endpoint, NavigableMap<Long, SlotBook.Won>> mine =
      new EnumMap<>(Endpoint.class);

  private final Map<Endpoint, ArrayDeque<Long>> unconfirmed = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Integer> gridAppended = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Long> gridSeenAtMs = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Long> surplusRestUntilMs = new EnumMap<>(Endpoint.class);
  private long lastCatchUpMs = Long.MIN_VALUE;

  public LedgerPermitBroker(
      QuotaSettings settings, QuotaLedger ledger, QuotaMetrics metrics, DoubleSupplier random) {
    this.settings = settings;
    this.ledger = ledger;
    this.metrics = metrics;
    this.random = random;
    this.limits =
        new LimitLearner(settings.window().toMillis(), settings.cap(), settings.headroom());
    this.planner =
        new ClaimPlanner(
            settings.horizon().toMillis(), ledger.local() ? 0 : settings.lead().toMillis());
  }

  @Override
  public synchronized Optional<Permit> offer(
      Endpoint endpoint, String taskId, Demand demand, long nowMs) {
    board(endpoint).offer(taskId, demand, nowMs);
    if (ledger.local() && (nowMs - lastCatchUpMs >= LOCAL_CATCH_UP_MS || !demand.isEmpty())) {
      catchUp(nowMs, 0);
    }
    return grant(endpoint, taskId, nowMs);
  }

  @Override
  public synchronized void withdraw(String taskId) {
    boards.values().forEach(board -> board.withdraw(taskId));
  }

  @Override
  public synchronized void answered(
      Endpoint endpoint,
      Integer limit,
      Integer remaining,
      Double resetSeconds,
      boolean rateLimited,
      long sentAtMs,
      long nowMs) {
    if (limit != null) {
      limits.perWindow(endpoint, limit);
    }
    if (!rateLimited && limit != null && remaining != null && remaining <= settings.headroom()) {
      // The key is used up. If this application did not use it all, someone else shares the key:
      // wait for the reset the API names rather than earn a 429 on the next slot.
      SlotBook book = book(endpoint);
      int ours =
          book.gridAt(nowMs)
              .map(grid -> book.wonBetween(countedFromMs(grid, sentAtMs), nowMs + 1))
              .orElse(0);
      if (limit - remaining > ours + 1 && resetSeconds != null) {
        pause(endpoint, nowMs + (long) Math.ceil(resetSeconds * 1000));
      }
    }
    if (rateLimited) {
      long waitMs =
          resetSeconds != null
              ? (long) Math.ceil(resetSeconds * 1000)
              : settings.window().toMillis();
      long jitter = (long) (random.getAsDouble() * settings.maxJitter().toMillis());
      pause(endpoint, nowMs + waitMs + jitter);
    }
  }

  /**
   * The earliest slot start of this application's requests that the API may still have counted when
   * it answered a request sent at {@code sentAtMs}: it counts the requests that arrived within one
   * window before that request's arrival, and a request arrives up to the margin after its slot's
   * start. Counting from one window before the answer, as this did, missed the slots of the
   * window's far end: at a 60-per-6-s grid, whose window holds 58.8 slot starts, the API saw 60 of
   * ours when sends bunched by a few milliseconds while the count found 58, and the quota paused
   * for the second the API's whole-second reset named (scenario 1's stalls of 9 slots).
   */
  private static long countedFromMs(SlotGrid grid, long sentAtMs) {
    return sentAtMs - grid.spanMs();
  }

  private void pause(Endpoint endpoint, long untilMs) {
    if (untilMs > book(endpoint).pausedUntilMs()) {
      ledger.append(new LedgerRecord.Pause(settings.instanceId(), endpoint, untilMs));
      metrics.paused(endpoint);
      if (ledger.local()) {
        applyAll(ledger.poll(0), untilMs);
      }
    }
  }

  /**
   * The permits per window of the endpoint now: the grid in force, else what this instance would
   * start with.
   */
  public synchronized int permitsPerWindow(Endpoint endpoint, long nowMs) {
    SlotBook book = book(endpoint);
    return book.gridAt(nowMs)
        .or(book::latestGrid)
        .map(SlotGrid::limit)
        .orElseGet(() -> limits.usable(endpoint));
  }

  /** This instance's share of the endpoint's permits in the last window, 0 to 1. */
  public synchronized double share(Endpoint endpoint, long nowMs) {
    SlotBook book = book(endpoint);
    Optional<SlotGrid> grid = book.gridAt(nowMs);
    return grid.map(
            g ->
                (double) book.wonBy(settings.instanceId(), nowMs - g.windowMs(), nowMs).size()
                    / g.limit())
        .orElse(0.0);
  }

  /** Adopts the per-minute limits the API lists for the key ({@code GET /account/endpoints}). */
  public synchronized void accountLimits(Map<Endpoint, Integer> requestsPerMinute) {
    requestsPerMinute.forEach(limits::perMinute);
  }

  /**
   * Reads what the ledger holds, then claims and releases slots as the demand needs: the ledger
   * thread's loop body (and {@code offer}'s, with a local ledger).
   *
   * @param maxWaitMs how long to wait for the ledger's next records
   */
  public void catchUp(long nowMs, long maxWaitMs) {
    List<LedgerRecord> records = ledger.poll(maxWaitMs);
    synchronized (this) {
      lastCatchUpMs = nowMs;
      applyAll(records, nowMs);
      for (Endpoint endpoint : new ArrayList<>(boards.keySet())) {
        plan(endpoint, nowMs);
      }
      if (ledger.local()) {
        // What this instance just appended is the ledger's next records: read them back now.
        applyAll(ledger.poll(0), nowMs);
      }
    }
  }

  private void applyAll(List<LedgerRecord> records, long nowMs) {
    for (LedgerRecord record : records) {
      for (SlotBook.Won won : book(record.endpoint()).apply(record)) {
        if (won.owner().equals(settings.instanceId())) {
          mine(record.endpoint()).put(won.startMs(), won);
        }
      }
      if (record instanceof LedgerRecord.Grid) {
        gridSeenAtMs.put(record.endpoint(), nowMs);
      }
      if (record instanceof LedgerRecord.Claim claim
          && claim.instance().equals(settings.instanceId())) {
        ArrayDeque<Long> pending = unconfirmed.get(claim.endpoint());
        if (pending != null) {
          pending.pollFirst();
        }
      }
    }
  }

  private void plan(Endpoint endpoint, long nowMs) {
    ensureGrid(endpoint, nowMs);
    SlotBook book = book(endpoint);
    Optional<SlotGrid> grid = book.gridAt(nowMs).or(book::latestGrid);
    if (grid.isEmpty()) {
      return;
    }
    metrics.limit(endpoint, grid.get().limit());
    book.forgetBefore(nowMs - 3 * grid.get().spanMs());
    long lateness = grid.get().latenessMs();
    Demand demand = board(endpoint).total(nowMs);
    NavigableMap<Long, SlotBook.Won> own = mine(endpoint);
    own.headMap(book.pausedUntilMs(), false).clear();
    int upcoming = 0;
    for (SlotBook.Won won : List.copyOf(own.values())) {
      if (won.startMs() + lateness < nowMs) {
        own.remove(won.startMs());
        metrics.permitUnused(endpoint);
      } else if (demand.isEmpty()) {
        // Nothing to send on it: give it back while others can still claim it in time.
        own.remove(won.startMs());
        ledger.append(
            new LedgerRecord.Release(
                settings.instanceId(), endpoint, won.gridFromMs(), won.slot()));
      } else {
        upcoming++;
      }
    }
    ArrayDeque<Long> pending = unconfirmed.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
    while (!pending.isEmpty() && pending.peekFirst() < nowMs - 5_000) {
      pending.pollFirst();
    }
    for (LedgerRecord.Claim claim :
        planner.plan(
            book,
            settings.instanceId(),
            demand,
            upcoming,
            pending.size(),
            nowMs >= surplusRestUntilMs.getOrDefault(endpoint, Long.MIN_VALUE),
            nowMs)) {
      ledger.append(claim);
      if (!ledger.local()) {
        pending.addLast(nowMs);
      }
    }
    metrics.share(
        endpoint,
        (double) book.wonBy(settings.instanceId(), nowMs - grid.get().windowMs(), nowMs).size()
            / grid.get().limit());
  }

  /** Publishes the grid this instance knows when the ledger has none or an outdated one. */
  private void ensureGrid(Endpoint endpoint, long nowMs) {
    int usable = limits.usable(endpoint);
    SlotBook book = book(endpoint);
    Optional<SlotGrid> latest = book.latestGrid();
    boolean outdated =
        latest.isEmpty() || (limits.knows(endpoint) && latest.get().limit() != usable);
    if (outdated && !Integer.valueOf(usable).equals(gridAppended.get(endpoint))) {
      long from = latest.isEmpty() ? nowMs : nowMs + settings.lead().toMillis();
      SlotGrid grid =
          new SlotGrid(
              endpoint, usable, settings.window().toMillis(), settings.margin().toMillis(), from);
      ledger.append(new LedgerRecord.Grid(settings.instanceId(), endpoint, grid));
      gridAppended.put(endpoint, usable);
      if (ledger.local()) {
        applyAll(ledger.poll(0), nowMs);
      }
    } else if (latest.isPresent()
        && nowMs - gridSeenAtMs.getOrDefault(endpoint, nowMs) > GRID_REFRESH_MS) {
      // The same grid again (same start: folds to nothing new), before retention drops it.
      ledger.append(new LedgerRecord.Grid(settings.instanceId(), endpoint, latest.get()));
      gridSeenAtMs.put(endpoint, nowMs);
    }
  }

  private Optional<Permit> grant(Endpoint endpoint, String taskId, long nowMs) {
    SlotBook book = book(endpoint);
    Optional<SlotGrid> grid = book.gridAt(nowMs).or(book::latestGrid);
    if (grid.isEmpty()) {
      return Optional.empty();
    }
    long lateness = grid.get().latenessMs();
    Map.Entry<Long, SlotBook.Won> next =
        mine(endpoint).ceilingEntry(Math.max(nowMs - lateness, book.pausedUntilMs()));
    if (next == null || next.getKey() > nowMs + settings.handoff().toMillis()) {
      return Optional.empty();
    }
    Optional<Map.Entry<String, Permit.Kind>> best = board(endpoint).best(nowMs);
    if (best.isEmpty() || !best.get().getKey().equals(taskId)) {
      return Optional.empty();
    }
    SlotBook.Won won = next.getValue();
    mine(endpoint).remove(won.startMs());
    metrics.permitUsed(endpoint, best.get().getValue());
    if (best.get().getValue() == Permit.Kind.SURPLUS) {
      surplusRestUntilMs.put(endpoint, won.startMs() + (long) Math.ceil(grid.get().slotMs()));
    }
    return Optional.of(
        new Permit(endpoint, won.startMs(), won.startMs() + lateness, best.get().getValue()));
  }

  private NavigableMap<Long, SlotBook.Won> mine(Endpoint endpoint) {
    return mine.computeIfAbsent(endpoint, e -> new TreeMap<>());
  }

  private SlotBook book(Endpoint endpoint) {
    return books.computeIfAbsent(endpoint, SlotBook::new);
  }

  private TaskBoard board(Endpoint endpoint) {
    return boards.computeIfAbsent(
        endpoint, e -> new TaskBoard(Math.max(500, 4 * settings.handoff().toMillis())));
  }
}
