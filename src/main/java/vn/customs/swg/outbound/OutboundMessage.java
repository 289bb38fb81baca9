package vn.customs.swg.outbound;

import java.time.OffsetDateTime;
import vn.customs.swg.admission.AdmittedEnvelope;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.catalogue.MessageType;
import vn.customs.swg.partner.Partner;

/**
 * What the outbound route knows about one message from a back-end so far: the body of the
 * exchange from swg.outbound to delivery. Each step fills in what it established.
 */
public final class OutboundMessage {

  private final OffsetDateTime receivedAt;
  private final byte[] bytes;
  private String contentDigest;
  private AdmittedEnvelope envelope;
  private Partner receiver;
  private MessageType messageType;
  private boolean alreadyRecorded;
  private byte[] signedEnvelope;
  private String destination;
  private Long recordId;
  private Long deliveryId;

  public OutboundMessage(OffsetDateTime receivedAt, byte[] bytes) {
    this.receivedAt = receivedAt;
    this.bytes = bytes;
  }

  public OffsetDateTime receivedAt() { return receivedAt; }
  public byte[] bytes() { return bytes; }
  public String contentDigest() { return contentDigest; }
  public AdmittedEnvelope envelope() { return envelope; }
  public EnvelopeHeader header() { return envelope == null ? null : envelope.header(); }
  public Partner receiver() { return receiver; }
  public MessageType messageType() { return messageType; }
  /** A back-end message the broker delivered again after it was recorded: not processed twice. */
  public boolean alreadyRecorded() { return alreadyRecorded; }
  public byte[] signedEnvelope() { return signedEnvelope; }
  /** Already recorded, and nothing left for this route: its delivery is done or scheduled. */
  public boolean settled() { return alreadyRecorded && signedEnvelope == null; }
  /** The receiver reads a queue: the route delivers at once, in the consuming transaction. */
  public boolean deliveredByQueue() {
    return receiver != null && receiver.channel() == vn.customs.swg.config.GatewayProperties.PartnerChannel.JMS;
  }
  public String destination() { return destination; }
  public Long recordId() { return recordId; }
  public Long deliveryId() { return deliveryId; }

  void contentDigest(String value) { this.contentDigest = value; }
  void envelope(AdmittedEnvelope value) { this.envelope = value; }
  void receiver(Partner value) { this.receiver = value; }
  void messageType(MessageType value) { this.messageType = value; }
  void alreadyRecorded(boolean value) { this.alreadyRecorded = value; }
  void signedEnvelope(byte[] value) { this.signedEnvelope = value; }
  void destination(String value) { this.destination = value; }
  void recordId(Long value) { this.recordId = value; }
  void deliveryId(Long value) { this.deliveryId = value; }

  /** For logs: never the body. */
  @Override
  public String toString() {
    EnvelopeHeader header = header();
    return "OutboundMessage[to=" + (receiver == null ? "?" : receiver.id()) + ", messageId="
        + (header == null ? "?" : header.messageId()) + ", bytes=" + bytes.length + "]";
  }
}
