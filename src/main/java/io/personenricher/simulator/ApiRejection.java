package io.personenricher.simulator;

/**
 * Thrown by a validation step to end a call with an error answer; the pipeline turns it into the
 * response. Carries no stack trace: it is control flow, not a failure of the simulator.
 */
final class ApiRejection extends RuntimeException {

  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // never serialised
  private final ApiAnswer answer;

  ApiRejection(ApiAnswer answer) {
    super("HTTP " + answer.status() + ": " + answer.body(), null, false, false);
    this.answer = answer;
  }

  static ApiRejection invalidRequest(String message) {
    return new ApiRejection(ApiAnswer.invalidRequest(message));
  }

  ApiAnswer answer() {
    return answer;
  }
}
