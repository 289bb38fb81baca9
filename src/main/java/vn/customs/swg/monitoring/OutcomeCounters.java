package vn.customs.swg.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.catalogue.MessageTypeCatalogue;
import vn.customs.swg.receipt.ReceiptStatus;
import vn.customs.swg.store.delivery.DeliveryStore;
import vn.customs.swg.store.delivery.Outcome;
import vn.customs.swg.trust.material.PartnerDirectory;

/**
 * The message counters, and the only place their tag values are decided.
 *
 * <p>{@value #MESSAGES}: one increment per message outcome, tagged direction (INBOUND|OUTBOUND),
 * partner (a partner id of the registry in force, else {@value #UNKNOWN}), type (a message type of
 * the catalogue, else {@value #OTHER}), outcome (ACCEPTED|DUPLICATE|REJECTED|DELIVERED|
 * FAILED_DELIVERY) and code (the first {@link ErrorCode} of a rejection, else {@value #NONE}).
 * {@value #ATTEMPTS}: one increment per recorded delivery attempt, tagged partner, channel
 * (HTTP|JMS|PULL) and outcome (DELIVERED|RETRY|FAILED|REFUSED_RECEIPT, as the attempt rows).
 *
 * <p>Every tag value is checked against a closed set before it is used: a partner id, message type
 * or code that comes from a partner's bytes or the database can never create a time series of its
 * own, so the number of series is bounded by partners x types x outcomes x codes.
 */
public final class OutcomeCounters {

  static final String MESSAGES = "swg.messages";
  static final String ATTEMPTS = "swg.delivery.attempts";
  static final String UNKNOWN = "unknown";
  static final String OTHER = "other";
  static final String NONE = "none";

  private static final Set<String> CHANNELS = Set.of(DeliveryStore.HTTP, DeliveryStore.JMS, DeliveryStore.PULL);

  /** Which way a message went. */
  public enum Direction { INBOUND, OUTBOUND }

  /** What became of a message: the receipt's status inbound, the delivery's end outbound. */
  public enum MessageOutcome { ACCEPTED, DUPLICATE, REJECTED, DELIVERED, FAILED_DELIVERY }

  /** What one delivery attempt led to. */
  public enum AttemptOutcome { DELIVERED, RETRY, FAILED, REFUSED_RECEIPT }

  private final MeterProvider<Counter> messages;
  private final MeterProvider<Counter> attempts;
  private final PartnerDirectory partners;
  private final MessageTypeCatalogue catalogue;

  public OutcomeCounters(MeterRegistry registry, PartnerDirectory partners, MessageTypeCatalogue catalogue) {
    this.partners = partners;
    this.catalogue = catalogue;
    this.messages = Counter.builder(MESSAGES)
        .description("Messages by direction, partner, type and outcome")
        .withRegistry(registry);
    this.attempts = Counter.builder(ATTEMPTS)
        .description("Outbound delivery attempts by partner, channel and outcome")
        .withRegistry(registry);
  }

  /** An inbound submission was answered with a receipt of this status. */
  public void inbound(String partnerId, String messageType, ReceiptStatus status, List<ErrorCode> errors) {
    message(Direction.INBOUND, partnerId, messageType, MessageOutcome.valueOf(status.name()),
        errors.isEmpty() ? null : errors.get(0));
  }

  /** A back-end message was refused (recorded REJECTED and dead-lettered) with this code. */
  public void outboundRejected(String partnerId, String messageType, ErrorCode code) {
    message(Direction.OUTBOUND, partnerId, messageType, MessageOutcome.REJECTED, code);
  }

  /** An outbound message reached its partner: the message is DELIVERED, by a DELIVERED attempt. */
  public void delivered(String partnerId, String messageType, String channel) {
    message(Direction.OUTBOUND, partnerId, messageType, MessageOutcome.DELIVERED, null);
    attempt(partnerId, channel, AttemptOutcome.DELIVERED);
  }

  /**
   * A delivery attempt failed and the store decided what follows: a retry (REFUSED_RECEIPT when
   * the partner's receipt did not verify), or the last attempt, which makes the message
   * FAILED_DELIVERY. An attempt the store did not record (NOT_DELIVERING) is not counted.
   */
  public void failedAttempt(String partnerId, String messageType, String channel, Outcome outcome,
      boolean receiptRefused) {
    switch (outcome.kind()) {
      case RETRY -> attempt(partnerId, channel, receiptRefused ? AttemptOutcome.REFUSED_RECEIPT : AttemptOutcome.RETRY);
      case FAILED_DELIVERY -> {
        attempt(partnerId, channel, AttemptOutcome.FAILED);
        message(Direction.OUTBOUND, partnerId, messageType, MessageOutcome.FAILED_DELIVERY, null);
      }
      case NOT_DELIVERING -> { }
    }
  }

  private void message(Direction direction, String partnerId, String messageType, MessageOutcome outcome,
      ErrorCode code) {
    messages.withTags(
        "direction", direction.name(),
        "partner", partner(partnerId),
        "type", type(messageType),
        "outcome", outcome.name(),
        "code", code == null ? NONE : code.code()).increment();
  }

  private void attempt(String partnerId, String channel, AttemptOutcome outcome) {
    attempts.withTags(
        "partner", partner(partnerId),
        "channel", CHANNELS.contains(channel) ? channel : OTHER,
        "outcome", outcome.name()).increment();
  }

  private String partner(String partnerId) {
    return partnerId != null && partners.current().findById(partnerId).isPresent() ? partnerId : UNKNOWN;
  }

  private String type(String messageType) {
    return messageType != null && catalogue.find(messageType).isPresent() ? messageType : OTHER;
  }
}
