package vn.customs.swg.simulator;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/** Reply times: now, to the second, at GMT+7 like every envelope time (ENVELOPE.md preamble). */
final class ReplyTime {

  static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
  // the JDK's factory keeps no state between calls
  private static final DatatypeFactory DATATYPES = DatatypeFactory.newDefaultInstance();

  private ReplyTime() {}

  static OffsetDateTime now(Clock clock) {
    return OffsetDateTime.now(clock).withOffsetSameInstant(VIETNAM).truncatedTo(ChronoUnit.SECONDS);
  }

  static String text(OffsetDateTime time) {
    return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  static XMLGregorianCalendar xml(OffsetDateTime time) {
    return DATATYPES.newXMLGregorianCalendar(text(time));
  }
}
