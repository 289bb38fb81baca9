package vn.customs.swg.admission;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;

/**
 * Step 1 of the inbound flow (ARCHITECTURE.md): decides whether partner bytes are an envelope
 * the gateway will look at further. In order, cheapest and most precise first: size
 * (ENV_005), hardened parse (ENV_001), root element (ENV_002), version (ENV_003), gateway-only
 * elements anywhere (ENV_007), envelope schema (ENV_002), {@code sentAt} within the clock skew
 * (ENV_006). It proves nothing about the sender: the signature, trust, authorisation and
 * deduplication steps follow, and the body is validated later by {@link #validateBody} once the
 * message type is known to be allowed.
 */
public final class EnvelopeAdmission {

  /** The envelope schema resource on the classpath. */
  public static final String ENVELOPE_SCHEMA = "schemas/envelope/envelope-1.xsd";

  /** The only envelope version this gateway reads. */
  public static final String SUPPORTED_VERSION = "1.0";

  private final HardenedXmlParser parser;
  private final SchemaRegistry schemas;
  private final String envelopeSchemaResource;
  private final Duration maxClockSkew;
  private final Clock clock;
  private final EnvelopeReader reader = new EnvelopeReader();

  /**
   * @param envelopeSchemaResource e.g. {@code schemas/envelope/envelope-1.xsd}
   * @param maxClockSkew how far {@code sentAt} may be from the gateway's clock, either way
   */
  public EnvelopeAdmission(HardenedXmlParser parser, SchemaRegistry schemas, String envelopeSchemaResource,
      Duration maxClockSkew, Clock clock) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.schemas = Objects.requireNonNull(schemas, "schemas");
    this.envelopeSchemaResource = Objects.requireNonNull(envelopeSchemaResource, "envelopeSchemaResource");
    this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxClockSkew.isNegative()) {
      throw new IllegalArgumentException("maxClockSkew must not be negative");
    }
  }

  /** Admits one message, or throws {@link MessageRejectedException} with the first failed rule's code. */
  public AdmittedEnvelope admit(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    Document document = parser.parse(bytes);
    Element root = document.getDocumentElement();
    if (!EnvelopeReader.isEnvelopeElement(root, "Envelope")) {
      throw new MessageRejectedException(ErrorCode.ENV_002,
          "the root element is not {" + EnvelopeReader.NAMESPACE + "}Envelope", NodePath.of(root), null);
    }
    if (!SUPPORTED_VERSION.equals(root.getAttributeNS(null, "version"))) {
      // the version is not echoed; the supported one is what the partner needs to know
      throw new MessageRejectedException(ErrorCode.ENV_003,
          "the envelope version is missing or not supported; supported: " + SUPPORTED_VERSION, NodePath.of(root), null);
    }
    // before the schema: a partner's Routing is schema-valid, and this code says what is wrong
    rejectGatewayOnly(document, "Routing");
    rejectGatewayOnly(document, "SystemSignature");
    schemas.validate(envelopeSchemaResource, root, ErrorCode.ENV_002);
    AdmittedEnvelope envelope = reader.read(document, bytes);
    requireWithinClockSkew(envelope);
    return envelope;
  }

  /**
   * Validates the business document in Body against its message type's schema.
   *
   * @throws MessageRejectedException {@link ErrorCode#ENV_004} naming the first violation and its location
   */
  public void validateBody(AdmittedEnvelope envelope, String bodySchemaResource) {
    schemas.validate(bodySchemaResource, envelope.bodyDocument(), ErrorCode.ENV_004);
  }

  private static void rejectGatewayOnly(Document document, String localName) {
    // anywhere, not only in its place: nested in skipped body content it could still be
    // mistaken for the gateway's own by a careless reader downstream
    NodeList found = document.getElementsByTagNameNS(EnvelopeReader.NAMESPACE, localName);
    if (found.getLength() > 0) {
      throw new MessageRejectedException(ErrorCode.ENV_007,
          localName + " is written by the gateway only", NodePath.of(found.item(0)), null);
    }
  }

  private void requireWithinClockSkew(AdmittedEnvelope envelope) {
    OffsetDateTime sentAt = envelope.header().sentAt();
    Duration offBy = Duration.between(clock.instant(), sentAt.toInstant());
    if (offBy.abs().compareTo(maxClockSkew) > 0) {
      Element sentAtElement = EnvelopeReader.child(EnvelopeReader.child(envelope.headerElement(), "Reference"), "sentAt");
      throw new MessageRejectedException(ErrorCode.ENV_006,
          "sentAt is " + offBy.abs().toSeconds() + " s " + (offBy.isNegative() ? "behind" : "ahead of")
              + " the gateway clock; allowed: " + maxClockSkew.toSeconds() + " s",
          NodePath.of(sentAtElement), null);
    }
  }
}
