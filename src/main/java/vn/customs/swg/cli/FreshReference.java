package vn.customs.swg.cli;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What {@code --fresh} does to an example before it is signed: a new messageId, the sender's
 * identity followed by the 32 upper-case hex digits of a random UUID (the recommendation of
 * ENVELOPE.md section 1), and a {@code sentAt} of now at GMT+7, so the gateway neither treats it
 * as a duplicate nor refuses it for clock skew.
 */
final class FreshReference {

  /** Envelope times are GMT+7 (ENVELOPE.md preamble, the 2025 tax-authority profile). */
  static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

  private FreshReference() {}

  /** Rewrites Header/Reference in place and returns the new messageId. */
  static String apply(Document envelope, Clock clock) {
    String identity = EnvelopeParts.text(envelope, "Header", "From", "identity");
    Element messageId = EnvelopeParts.find(envelope, "Header", "Reference", "messageId");
    Element sentAt = EnvelopeParts.find(envelope, "Header", "Reference", "sentAt");
    if (identity == null || identity.isEmpty() || messageId == null || sentAt == null) {
      throw new IllegalArgumentException(
          "--fresh needs Header/From/identity, Header/Reference/messageId and Header/Reference/sentAt");
    }
    String id = identity + UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    messageId.setTextContent(id);
    sentAt.setTextContent(OffsetDateTime.now(clock).withOffsetSameInstant(VIETNAM)
        .truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    return id;
  }
}
