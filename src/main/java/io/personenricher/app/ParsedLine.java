package io.personenricher.app;

import io.personenricher.model.avro.IdentifierEvent;

/**
 * One data line of an input file for {@code enricher produce}: an event to send, or a line to
 * report and skip.
 */
public sealed interface ParsedLine {

  /** 1-based line number in the file (the CSV header is line 1). */
  int lineNumber();

  /** A line that became an event. */
  record Event(int lineNumber, String key, IdentifierEvent event) implements ParsedLine {}

  /** A line that could not be read as an event, and why. */
  record Bad(int lineNumber, String problem) implements ParsedLine {

    /** {@code line 7: <problem>}, the way the CLI reports it. */
    public String describe() {
      return "line " + lineNumber + ": " + problem;
    }
  }
}
