package vn.customs.swg.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;

/**
 * A node's signature over its chain head: position, entry hash and time, signed with the gateway
 * signing key over {@link ChainFormat#checkpointText}. It decides whether a stored checkpoint is
 * genuine: signed by one of the given gateway certificates (matched by fingerprint), with one of
 * the two algorithms the gateway signs with, over exactly these fields.
 */
public record Checkpoint(
    long id,
    String node,
    long seq,
    String entryHash,
    OffsetDateTime signedAt,
    String algorithm,
    String signerFingerprint,
    String signature) {

  public static final String RSA = "SHA256withRSA";
  public static final String ECDSA = "SHA256withECDSA";

  static final String COLUMNS =
      "id, node, chain_seq, entry_hash, signed_at, algorithm, signer_fingerprint, signature";

  static final RowMapper<Checkpoint> ROW = (rs, row) -> new Checkpoint(
      rs.getLong("id"),
      rs.getString("node"),
      rs.getLong("chain_seq"),
      rs.getString("entry_hash"),
      rs.getObject("signed_at", OffsetDateTime.class),
      rs.getString("algorithm"),
      rs.getString("signer_fingerprint"),
      rs.getString("signature"));

  /** The signature algorithm for a gateway key: RSA or EC keys, SHA-256 in both cases. */
  public static String algorithmFor(Key key) {
    return switch (key.getAlgorithm()) {
      case "RSA" -> RSA;
      case "EC" -> ECDSA;
      default -> throw new IllegalArgumentException(
          "the gateway signing key is " + key.getAlgorithm() + "; checkpoints are signed with RSA or EC keys");
    };
  }

  /** The bytes the signature covers. */
  public byte[] signedBytes() {
    return ChainFormat.checkpointText(node, seq, entryHash, signedAt).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Why this checkpoint is not genuine, or null when its signature verifies with the trusted
   * certificate its fingerprint names.
   *
   * @param signers trusted gateway certificates by upper-case hex SHA-256 fingerprint
   */
  public String signatureProblem(Map<String, X509Certificate> signers) {
    X509Certificate signer = signers.get(signerFingerprint);
    if (signer == null) {
      return "signed by certificate " + signerFingerprint + ", which is not a trusted gateway certificate";
    }
    if (!RSA.equals(algorithm) && !ECDSA.equals(algorithm)) {
      return "signed with " + algorithm + ", which is not an algorithm the gateway signs checkpoints with";
    }
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(signer.getPublicKey());
      verifier.update(signedBytes());
      return verifier.verify(Base64.getDecoder().decode(signature)) ? null
          : "the signature does not verify over the checkpoint's node, seq, hash and time";
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return "the signature cannot be checked: " + e.getClass().getSimpleName();
    }
  }
}
