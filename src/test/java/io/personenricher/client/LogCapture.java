package io.personenricher.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log line of a logger subtree at DEBUG and above, formatted message and throwable
 * text included, so tests can assert what never gets logged. Threading notes: lines are collected
 * in a copy-on-write list because Vert.x event loops log while the test thread reads.
 */
final class LogCapture implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
  private final String loggerName;
  private final AbstractAppender appender;
  private final boolean addedLogger;
  private final Level previousLevel;

  LogCapture(String loggerName) {
    this.loggerName = loggerName;
    this.appender =
        new AbstractAppender("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            StringBuilder line = new StringBuilder(event.getMessage().getFormattedMessage());
            for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
              line.append(" | ").append(t);
            }
            lines.add(line.toString());
          }
        };
    appender.start();
    Configuration config = context.getConfiguration();
    // A test config (log4j2-test.xml) may already declare this logger; then borrow it, else add
    // one.
    LoggerConfig existing = config.getLoggers().get(loggerName);
    addedLogger = existing == null;
    LoggerConfig logger = addedLogger ? new LoggerConfig(loggerName, Level.DEBUG, true) : existing;
    previousLevel = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logger.addAppender(appender, Level.DEBUG, null);
    if (addedLogger) {
      config.addLogger(loggerName, logger);
    }
    context.updateLoggers();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    Configuration config = context.getConfiguration();
    if (addedLogger) {
      config.removeLogger(loggerName);
    } else {
      LoggerConfig logger = config.getLoggers().get(loggerName);
      logger.removeAppender(appender.getName());
      logger.setLevel(previousLevel);
    }
    context.updateLoggers();
    appender.stop();
  }
}
