package vn.customs.swg.store.search;

import java.time.Instant;

/**
 * What an operator searches messages by; every field is optional (null or blank means "any") and
 * the fields given must all hold. Values are compared exactly (no wildcards), as stored.
 *
 * <p>Sender and receiver name the parties as the message travels: an inbound message goes from a
 * partner to Customs, an outbound one from Customs to a partner. So {@code sender} matches an
 * inbound message's partner id (e.g. {@code vcb}) or its {@code From} identity (e.g.
 * {@code 01203001}), and an outbound message's sending identity (the customs identity, e.g.
 * {@code TCHQ}); {@code receiver} matches an outbound message's partner id or {@code To} identity,
 * and an inbound message's receiver identity (Customs). {@code partner} matches the partner id
 * whichever way the message went.
 *
 * @param sender sending party, see above
 * @param receiver receiving party, see above
 * @param partner partner id of either direction
 * @param messageType catalogue message type, e.g. TAX_PAYMENT_NOTICE
 * @param state stored state, e.g. ACCEPTED, DISPATCHED, REJECTED, DELIVERED, FAILED_DELIVERY
 * @param direction INBOUND or OUTBOUND
 * @param receivedFrom received at or after this instant
 * @param receivedTo received before this instant (exclusive)
 * @param documentReference the business document's reference from the envelope header
 * @param conversationId the envelope's conversationId
 * @param messageId the envelope's messageId
 */
public record MessageFilter(
    String sender,
    String receiver,
    String partner,
    String messageType,
    String state,
    String direction,
    Instant receivedFrom,
    Instant receivedTo,
    String documentReference,
    String conversationId,
    String messageId) {

  /** No condition: every message. */
  public static final MessageFilter ANY = builder().build();

  public MessageFilter {
    sender = blankToNull(sender);
    receiver = blankToNull(receiver);
    partner = blankToNull(partner);
    messageType = blankToNull(messageType);
    state = blankToNull(state);
    direction = blankToNull(direction);
    documentReference = blankToNull(documentReference);
    conversationId = blankToNull(conversationId);
    messageId = blankToNull(messageId);
    if (direction != null && !direction.equals("INBOUND") && !direction.equals("OUTBOUND")) {
      throw new IllegalArgumentException("direction is INBOUND or OUTBOUND, got: " + direction);
    }
    if (receivedFrom != null && receivedTo != null && !receivedFrom.isBefore(receivedTo)) {
      throw new IllegalArgumentException("receivedFrom " + receivedFrom + " is not before receivedTo " + receivedTo);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** Builds a filter field by field (the console and the API set only what the operator gave). */
  public static final class Builder {
    private String sender;
    private String receiver;
    private String partner;
    private String messageType;
    private String state;
    private String direction;
    private Instant receivedFrom;
    private Instant receivedTo;
    private String documentReference;
    private String conversationId;
    private String messageId;

    private Builder() {}

    public Builder sender(String value) {
      sender = value;
      return this;
    }

    public Builder receiver(String value) {
      receiver = value;
      return this;
    }

    public Builder partner(String value) {
      partner = value;
      return this;
    }

    public Builder messageType(String value) {
      messageType = value;
      return this;
    }

    public Builder state(String value) {
      state = value;
      return this;
    }

    public Builder direction(String value) {
      direction = value;
      return this;
    }

    public Builder receivedFrom(Instant value) {
      receivedFrom = value;
      return this;
    }

    public Builder receivedTo(Instant value) {
      receivedTo = value;
      return this;
    }

    public Builder documentReference(String value) {
      documentReference = value;
      return this;
    }

    public Builder conversationId(String value) {
      conversationId = value;
      return this;
    }

    public Builder messageId(String value) {
      messageId = value;
      return this;
    }

    public MessageFilter build() {
      return new MessageFilter(sender, receiver, partner, messageType, state, direction, receivedFrom, receivedTo,
          documentReference, conversationId, messageId);
    }
  }
}
