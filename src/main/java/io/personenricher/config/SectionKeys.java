package io.personenricher.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Defines one section's keys into the shared {@link ConfigDef}, under the section's group and
 * numbered in the order they are defined, so a section never repeats its group or counts by hand.
 */
final class SectionKeys {

  private final ConfigDef def;
  private final String group;
  private int order;

  SectionKeys(ConfigDef def, String group) {
    this.def = def;
    this.group = group;
  }

  /**
   * Defines a key; {@code validator} may be null (any value of the type), {@code defaultValue} may
   * be null (unset unless given).
   */
  void define(
      String name,
      Type type,
      Object defaultValue,
      ConfigDef.Validator validator,
      Importance importance,
      String documentation,
      Width width,
      String displayName) {
    def.define(
        name,
        type,
        defaultValue,
        validator,
        importance,
        documentation,
        group,
        ++order,
        width,
        displayName);
  }
}
