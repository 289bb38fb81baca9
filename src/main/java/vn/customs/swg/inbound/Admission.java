package vn.customs.swg.inbound;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;
import vn.customs.swg.admission.EnvelopeAdmission;

/** Step 1, admit: size cap, hardened parse, envelope version and schema, gateway-only elements, clock skew. */
@Component("admission")
public class Admission {

  private final EnvelopeAdmission envelopeAdmission;

  public Admission(EnvelopeAdmission envelopeAdmission) {
    this.envelopeAdmission = envelopeAdmission;
  }

  public InboundMessage admit(InboundMessage message) {
    // The digest of the bytes as received is the deduplication fingerprint: computed first, so a
    // rejection record carries it too.
    message.contentDigest(sha256(message.bytes()));
    message.envelope(envelopeAdmission.admit(message.bytes()));
    return message;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
