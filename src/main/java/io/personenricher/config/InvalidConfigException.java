package io.personenricher.config;

import java.util.List;

/**
 * The configuration cannot run: every problem found, each naming the key, the offending value and
 * the fix. The CLI turns it into exit code 2 and prints {@link #problems()} one per line.
 */
public final class InvalidConfigException extends RuntimeException {

  private final List<String> problems;

  public InvalidConfigException(List<String> problems) {
    super(String.join(System.lineSeparator(), problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an InvalidConfigException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public InvalidConfigException(String problem) {
    this(List.of(problem));
  }

  /** One self-contained sentence per problem, in key order. */
  public List<String> problems() {
    return problems;
  }
}
