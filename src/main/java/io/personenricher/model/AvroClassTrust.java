package io.personenricher.model;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Lets Avro instantiate our generated classes. Since Avro 1.11.4, readers only load classes from trusted packages
 * (a guard against gadget classes named in a malicious schema); our own contract classes must be added to the
 * JVM-wide list, without loosening it for anything else.
 *
 * <p>Threading notes: may be called from any thread; the update of Avro's global validator is synchronised and
 * idempotent.
 */
public final class AvroClassTrust {

  /** The package of the classes generated from {@code schemas/}. */
  public static final String MODEL_PACKAGE = "io.personenricher.model.avro";

  private static boolean modelTrusted;

  private AvroClassTrust() {}

  /** Trusts every class of the generated model package. */
  public static synchronized void trustModel() {
    if (modelTrusted) {
      return;
    }
    ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
    ClassSecurityPredicate model =
        type -> type.getPackage() != null && type.getPackage().getName().equals(MODEL_PACKAGE);
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, model));
    modelTrusted = true;
  }

  /** Trusts one more class, e.g. a user's own specific record configured into the serde. */
  public static synchronized void trust(Class<?> type) {
    ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
    if (previous.isTrusted(type)) {
      return;
    }
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(previous, ClassSecurityValidator.builder().add(type).build()));
  }
}
