package io.personenricher.app;

/** A command whose implementation is not wired in yet; exits {@link ExitCodes#RUNTIME_FAILURE}. */
final class NotAvailableYetException extends RuntimeException {

  NotAvailableYetException(String command) {
    super("enricher " + command + " is not available yet in this build");
  }
}
