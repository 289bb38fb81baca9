package vn.customs.swg.inbound;

import java.time.OffsetDateTime;
import vn.customs.swg.admission.AdmittedEnvelope;
import vn.customs.swg.admission.EnvelopeHeader;
import vn.customs.swg.catalogue.MessageType;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.signature.VerifiedSignature;
import vn.customs.swg.store.DedupEntry;
import vn.customs.swg.trust.TrustDecision;

/**
 * What the inbound route knows about one submission so far. It is the body of the exchange from
 * the channel to the receipt; each step fills in what it established, so a later step (and the
 * error handler) never re-derives or re-parses anything.
 */
public final class InboundMessage {

  private final Channel channel;
  private final OffsetDateTime receivedAt;
  private final byte[] bytes;
  private final String transportPartnerId;
  private String contentDigest;
  private AdmittedEnvelope envelope;
  private Partner sender;
  private VerifiedSignature signature;
  private TrustDecision trust;
  private MessageType messageType;
  private Long recordId;
  private byte[] forwardedEnvelope;
  private boolean onBackendQueue;
  private WorkAhead.Task<byte[]> acceptedReceipt;

  /**
   * @param transportPartnerId partner the transport itself authenticated (TLS client certificate,
   *     partner queue), or null when the channel does not identify the sender
   */
  public InboundMessage(Channel channel, OffsetDateTime receivedAt, byte[] bytes, String transportPartnerId) {
    this.channel = channel;
    this.receivedAt = receivedAt;
    this.bytes = bytes;
    this.transportPartnerId = transportPartnerId;
  }

  /** The transport a message arrived on; written into Routing/channel. */
  public enum Channel {
    HTTP,
    JMS,
    ASW
  }

  public Channel channel() { return channel; }
  public OffsetDateTime receivedAt() { return receivedAt; }
  public byte[] bytes() { return bytes; }
  public String transportPartnerId() { return transportPartnerId; }
  public String contentDigest() { return contentDigest; }
  public AdmittedEnvelope envelope() { return envelope; }
  public EnvelopeHeader header() { return envelope == null ? null : envelope.header(); }
  public Partner sender() { return sender; }
  public VerifiedSignature signature() { return signature; }
  public TrustDecision trust() { return trust; }
  public MessageType messageType() { return messageType; }
  public Long recordId() { return recordId; }
  public byte[] forwardedEnvelope() { return forwardedEnvelope; }
  /** True once the persistent send to the back-end queue has returned: the message is delivered. */
  public boolean onBackendQueue() { return onBackendQueue; }

  void contentDigest(String value) { this.contentDigest = value; }
  void envelope(AdmittedEnvelope value) { this.envelope = value; }
  void sender(Partner value) { this.sender = value; }
  void signature(VerifiedSignature value) { this.signature = value; }
  void trust(TrustDecision value) { this.trust = value; }
  void messageType(MessageType value) { this.messageType = value; }
  void recordId(Long value) { this.recordId = value; }
  void forwardedEnvelope(byte[] value) { this.forwardedEnvelope = value; }
  void onBackendQueue(boolean value) { this.onBackendQueue = value; }
  void acceptedReceipt(WorkAhead.Task<byte[]> value) { this.acceptedReceipt = value; }

  /** The ACCEPTED receipt begun ahead, once: a redelivered step 9 signs a fresh one. */
  WorkAhead.Task<byte[]> takeAcceptedReceipt() {
    WorkAhead.Task<byte[]> taken = acceptedReceipt;
    acceptedReceipt = null;
    return taken;
  }

  /** For logs: never the body, only who and what. */
  @Override
  public String toString() {
    EnvelopeHeader header = header();
    return "InboundMessage[channel=" + channel + ", sender=" + (sender == null ? "?" : sender.id())
        + ", messageId=" + (header == null ? "?" : header.messageId()) + ", bytes=" + bytes.length + "]";
  }

  /** Marker for the duplicate path: thrown by deduplication, answered with the original receipt. */
  public static final class DuplicateSubmission extends RuntimeException {
    private final transient DedupEntry original;

    public DuplicateSubmission(DedupEntry original) {
      super("identical resubmission of an accepted message", null, false, false);
      this.original = original;
    }

    public DedupEntry original() {
      return original;
    }
  }
}
