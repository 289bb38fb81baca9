package vn.customs.swg.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --timeout}: {@code 500ms}, {@code 30s}, {@code 2m}, a bare number of seconds, or ISO-8601 {@code PT30S}. */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    try {
      Duration duration;
      if (text.startsWith("pt")) {
        duration = Duration.parse(text.toUpperCase(Locale.ROOT));
      } else if (text.endsWith("ms")) {
        duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      } else if (text.endsWith("s")) {
        duration = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
      } else if (text.endsWith("m")) {
        duration = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
      } else {
        duration = Duration.ofSeconds(Long.parseLong(text));
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new TypeConversionException("a timeout must be positive: " + value);
      }
      return duration;
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      throw new TypeConversionException("not a duration: " + value + " (try 30s, 2m or 500ms)");
    }
  }
}
