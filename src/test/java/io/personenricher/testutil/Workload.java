package io.personenricher.testutil;

import io.personenricher.model.avro.IdentifierEvent;
import io.personenricher.model.avro.IdentifierType;
import io.personenricher.simulator.SyntheticPeople;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A realistic input mix against the simulator's synthetic people: both identifier types, known and
 * unknown identifiers, duplicates of earlier identifiers, and a sprinkle of invalid events. Every
 * event has its own key, so "exactly once" means every key has exactly one output.
 */
public final class Workload {

  private final List<Map.Entry<String, IdentifierEvent>> events = new ArrayList<>();
  private final Set<String> invalidKeys = new HashSet<>();

  /**
   * @param invalidPercent share of events that must be dead-lettered locally
   * @param duplicatePercent share of events repeating an earlier identifier
   */
  public static Workload mixed(
      SyntheticPeople people, int count, int invalidPercent, int duplicatePercent, long seed) {
    return mixed(people, count, invalidPercent, duplicatePercent, seed, "rec-");
  }

  /** As above, with keys {@code <keyPrefix>0}, {@code <keyPrefix>1}, ... */
  public static Workload mixed(
      SyntheticPeople people,
      int count,
      int invalidPercent,
      int duplicatePercent,
      long seed,
      String keyPrefix) {
    Workload workload = new Workload();
    SplittableRandom random = new SplittableRandom(seed);
    List<IdentifierEvent> seen = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = keyPrefix + i;
      int roll = random.nextInt(100);
      IdentifierEvent event;
      if (roll < invalidPercent) {
        event =
            random.nextBoolean()
                ? Events.email("broken-" + i + "-at-nowhere")
                : Events.profileUrl("https://www.linkedin.com/company/acme-" + i);
        workload.invalidKeys.add(key);
      } else if (roll < invalidPercent + duplicatePercent && !seen.isEmpty()) {
        event = seen.get(random.nextInt(seen.size()));
      } else {
        int person = random.nextInt(people.size());
        event =
            switch (random.nextInt(10)) {
              case 0 -> Events.email(people.unknownEmail(i));
              case 1 -> Events.profileUrl(people.unknownProfileUrl(i));
              case 2, 3, 4, 5 -> Events.email(people.emailOf(person));
              default ->
                  Events.event(
                      IdentifierType.PROFESSIONAL_NETWORK_PROFILE_URL,
                      people.profileUrlOf(person),
                      null,
                      null);
            };
        seen.add(event);
      }
      workload.events.add(Map.entry(key, event));
    }
    return workload;
  }

  public List<ProducerRecord<String, IdentifierEvent>> records(String topic) {
    return events.stream().map(e -> new ProducerRecord<>(topic, e.getKey(), e.getValue())).toList();
  }

  public int size() {
    return events.size();
  }

  public Set<String> invalidKeys() {
    return invalidKeys;
  }

  public Set<String> keys() {
    Set<String> keys = new HashSet<>();
    events.forEach(e -> keys.add(e.getKey()));
    return keys;
  }
}
