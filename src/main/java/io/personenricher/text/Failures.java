package io.personenricher.text;

/** Exception text for dead letters and logs: every cause in the chain, class and message. */
public final class Failures {

  private Failures() {}

  public static String describe(Throwable error) {
    if (error == null) {
      return "unknown error";
    }
    StringBuilder text =
        new StringBuilder(error.getClass().getSimpleName() + ": " + error.getMessage());
    for (Throwable cause = error.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      text.append("; caused by ")
          .append(cause.getClass().getSimpleName())
          .append(": ")
          .append(cause.getMessage());
    }
    return text.toString();
  }
}
