package io.personenricher.serde;

import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.specific.SpecificFixed;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro 1.12 load generated classes by name. Since Avro 1.12 (CVE-2024-47561), {@code
 * SpecificData} refuses to load any class by schema name unless it is listed in the {@code
 * org.apache.avro.SERIALIZABLE_PACKAGES} / {@code SERIALIZABLE_CLASSES} system properties, which
 * makes {@code SpecificDatumReader} fail on every generated record and enum. This adds, JVM-wide
 * and once, trust for exactly the classes the Avro compiler generates (implementations of {@link
 * SpecificRecord}, generated enums, {@link SpecificFixed}); the existing policy is kept for
 * everything else, so arbitrary classes named in a schema are still refused.
 *
 * <p>Threading notes: {@link #trust()} is synchronized and idempotent; Avro reads the global policy
 * per lookup.
 */
public final class GeneratedAvroClasses {

  private static boolean installed;

  private GeneratedAvroClasses() {}

  /**
   * Installs the trust rule (once per JVM). Called by the deserializers; tests reading Avro
   * directly may call it.
   */
  public static synchronized void trust() {
    if (installed) {
      return;
    }
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            ClassSecurityValidator.getGlobal(), GeneratedAvroClasses::isGenerated));
    installed = true;
  }

  static boolean isGenerated(Class<?> type) {
    return SpecificRecord.class.isAssignableFrom(type)
        || SpecificFixed.class.isAssignableFrom(type)
        || (type.isEnum() && GenericEnumSymbol.class.isAssignableFrom(type));
  }
}
