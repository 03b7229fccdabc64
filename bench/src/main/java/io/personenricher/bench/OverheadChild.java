package io.personenricher.bench;

import java.nio.file.Path;

/**
 * Scenario 3's application JVM: every application the scenario measures (the passthrough and the pipeline runs)
 * runs here, attached to the harness's broker, registry and simulated API ({@link BenchInfra#attach}), with the
 * output watchers. In the harness's own JVM the broker's hundred threads and the application shared one JIT
 * compiler thread, which stayed a backlog of thousands of methods behind through the whole scenario; here the
 * application's code is compiled by a compiler of its own, as in a deployment, where the broker is another
 * machine (and so is the API: its JSON work stays in the harness). Prints the scenario's rows, details and notes
 * as one {@code RESULT {json}} line ({@link Results#measuredAsJson}).
 *
 * <p>Arguments: bootstrap registryUrl simulatorUrl plan(full|smoke) jfrFile.
 */
public final class OverheadChild {

  private OverheadChild() {}

  public static void main(String[] args) {
    BenchPlan plan = args[3].equals("smoke") ? BenchPlan.smoke() : BenchPlan.full();
    Results results = new Results();
    int exit = 0;
    try (BenchInfra infra = BenchInfra.attach(args[0], args[1], args[2])) {
      OverheadScenario.measure(infra, plan, results, Path.of(args[4]));
    } catch (RuntimeException e) {
      e.printStackTrace();
      exit = 1;
    }
    System.out.println("RESULT " + results.measuredAsJson());
    System.out.flush();
    System.exit(exit);
  }
}
