package io.personenricher.intake;

/** The result of checking one input event before anything is sent. */
public sealed interface Validation {

  /** The event may be batched. */
  record Valid(ValidIdentifier identifier) implements Validation {}

  /**
   * The event can never succeed as sent.
   *
   * @param errorClass a stable machine-readable code, e.g. {@code invalid_email}
   * @param message what is wrong and how to fix it, for humans
   */
  record Invalid(String errorClass, String message) implements Validation {}
}
