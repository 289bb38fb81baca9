package vn.customs.swg.config;

/**
 * Thrown at start-up when configuration is inconsistent. The message is one sentence naming the
 * key and saying what to fix, because it is the first thing an operator reads.
 */
public class ConfigurationException extends RuntimeException {
  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
