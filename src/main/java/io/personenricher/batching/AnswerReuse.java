package io.personenricher.batching;

import io.personenricher.reuse.ReuseLookup.Standing;
import io.personenricher.reuse.StoredAnswer;
import io.personenricher.routing.MappedAnswer;
import java.util.Optional;

/**
 * Where a task finds the answers it may reuse, and tells others of its own: the task's own store
 * ({@link AnswerCache}, scope {@code task}) or the application's answer book ({@link AnswerBook},
 * scope {@code application}, with claims).
 *
 * <p>Threading notes: stream thread only.
 */
interface AnswerReuse {

  /** A reusable answer and where it came from. */
  record Reused(MappedAnswer answer, boolean fromBook) {}

  /** A fresh answer for the identifier, if one is known. */
  Optional<Reused> get(GroupKey group, String normalized, long nowMs);

  /** How the identifier stands for this task: answered, claimed by it or another task, or free. */
  Standing standing(GroupKey group, String normalized, long nowMs);

  /** This task got an answer from the API (encoded already, off the stream thread). */
  void put(GroupKey group, String normalized, StoredAnswer answer, long nowMs);

  /** This task will ask for the identifier (or renews its claim on it). */
  void claim(GroupKey group, String normalized, long nowMs);

  /** This task gives up the identifier without an answer (it was dead-lettered). */
  void release(GroupKey group, String normalized, long nowMs);

  /** Whether identifiers must be claimed before they are sent. */
  boolean claims();
}
