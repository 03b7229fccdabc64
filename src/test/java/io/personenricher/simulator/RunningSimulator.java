package io.personenricher.simulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One simulator for a test class (register it as a static {@code @RegisterExtension} field):
 * started before the first test, reset before each (rate windows, statistics, controls), closed
 * after the last. Its client calls with the given key.
 */
final class RunningSimulator implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  private final SimulatorSettings settings;
  private final String key;
  private CrustdataSimulator simulator;

  RunningSimulator(SimulatorSettings settings, String key) {
    this.settings = settings;
    this.key = key;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    simulator = new CrustdataSimulator(settings);
    simulator.start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    simulator.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    simulator.close();
  }

  CrustdataSimulator simulator() {
    return simulator;
  }

  SimulatorClient client() {
    return new SimulatorClient(simulator, key);
  }

  SyntheticPeople people() {
    return simulator.people();
  }
}
