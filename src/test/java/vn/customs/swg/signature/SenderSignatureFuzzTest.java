package vn.customs.swg.signature;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.security.cert.TrustAnchor;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.xml.security.c14n.Canonicalizer;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.XmlOutput;
import vn.customs.swg.admission.AdmittedEnvelope;
import vn.customs.swg.admission.EnvelopeAdmission;
import vn.customs.swg.admission.HardenedXmlParser;
import vn.customs.swg.admission.SchemaRegistry;
import vn.customs.swg.config.GatewayProperties.RevocationPolicy;
import vn.customs.swg.partner.Partner;
import vn.customs.swg.partner.PartyKind;
import vn.customs.swg.testsupport.DevPartner;
import vn.customs.swg.testsupport.EnvelopeMutator;
import vn.customs.swg.testsupport.TestMessages;
import vn.customs.swg.trust.CertificateTrustValidator;
import vn.customs.swg.trust.PartnerTrust;
import vn.customs.swg.trust.PemCertificates;
import vn.customs.swg.trust.TrustDecision;
import vn.customs.swg.trust.revocation.RevocationChecker;
import vn.customs.swg.trust.revocation.RevocationSettings;
import vn.customs.swg.trust.revocation.RevocationSources;

/**
 * Fuzzes the sender signature check and the authentication steps around it, in the inbound
 * flow's order (admission, signature, certificate trust, registered certificate), with mutations
 * of one validly signed envelope (the example notice signed by the dev partner vcb). The property,
 * for every input: a {@link MessageRejectedException} with a contract code of the step that
 * refused (SWG-ENV from admission, SWG-SEC from the others), or acceptance of exactly what vcb
 * signed: once the signature verifies, the Header and Body the gateway reads on canonicalise to
 * the signed ones, the header fields are the original's and the key is vcb's; once trust and
 * the registration pass too, the certificate is vcb's own. A changed amount or messageId that
 * still verifies would be a forgery, and fails the run. In a regular build only the seeds under
 * {@code SenderSignatureFuzzTestInputs/} run; README "Fuzzing" says how to fuzz for real.
 */
class SenderSignatureFuzzTest {

  /** What the verifier may answer: SignatureRejectedException's codes (its class Javadoc). */
  private static final Set<ErrorCode> SIGNATURE_CODES =
      Set.of(ErrorCode.SEC_001, ErrorCode.SEC_002, ErrorCode.SEC_003, ErrorCode.SEC_004, ErrorCode.SEC_009);
  /** What the trust step may answer (CertificateTrustValidator#validate). */
  private static final Set<ErrorCode> TRUST_CODES =
      Set.of(ErrorCode.SEC_005, ErrorCode.SEC_006, ErrorCode.SEC_007, ErrorCode.SEC_008);
  private static final Path EXAMPLE = Path.of("schemas/bank/tax-payment-notice/example.xml");
  // the example says sentAt 2026-11-22T23:41:07+07:00: the clock stands a minute later
  private static final Instant NOW = Instant.parse("2026-11-22T16:42:00Z");
  // Santuario logs every failed digest at WARNING: thousands of lines a second while fuzzing.
  // A static reference, or the JUL logger (and its level) could be garbage-collected.
  private static final Logger SANTUARIO_LOG = quiet(Logger.getLogger("org.apache.xml.security"));
  private static final DevPartner VCB = DevPartner.load("vcb");
  private static final EnvelopeAdmission ADMISSION = new EnvelopeAdmission(HardenedXmlParser.withDefaults(),
      new SchemaRegistry(), EnvelopeAdmission.ENVELOPE_SCHEMA, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
  private static final SenderSignatureVerifier VERIFIER = new SenderSignatureVerifier(new SignatureProfile());
  // vcb as the gateway knows it: the dev public CA as its anchor, revocation from the committed
  // CRL file (no network), its certificate registered by fingerprint
  private static final CertificateTrustValidator TRUST = new CertificateTrustValidator(Clock.systemUTC(),
      new RevocationChecker(new RevocationSettings(Duration.ofSeconds(3), 10L << 20, List.of(), Duration.ofHours(1),
          100, Duration.ofMinutes(5)), Clock.systemUTC()));
  private static final Partner VCB_PARTNER = vcbAsRegistered();

  private static final byte[] SIGNED = signedExample();
  private static final AdmittedEnvelope ORIGINAL = ADMISSION.admit(SIGNED);
  private static final String SIGNED_HEADER = canonical(ORIGINAL.headerElement());
  private static final String SIGNED_BODY = canonical(ORIGINAL.bodyElement());

  /** The starting point is genuinely valid, or every mutant would be refused for a dull reason. */
  @Test
  void acceptsTheUnmutatedSignedEnvelope() {
    VerifiedSignature verified = VERIFIER.verify(ADMISSION.admit(SIGNED).document(), false);

    assertThat(TRUST.validate(verified.signingCertificate(), verified.presentedCertificates(), VCB_PARTNER.trust())
        .revocation()).isEqualTo(TrustDecision.Revocation.GOOD);
    assertThat(VCB_PARTNER.signsWith(verified.signingCertificate())).isTrue();
  }

  /** Structure-aware: DOM edits (wrapping, duplicate Ids, renames, algorithm swaps) and byte splices. */
  @FuzzTest(maxDuration = "3m")
  void mutatedSignedEnvelope(FuzzedDataProvider data) {
    verdictOn(EnvelopeMutator.mutate(SIGNED, data));
  }

  /** Plain byte mutations of the signed envelope (seeded with it: signed-notice.xml). */
  @FuzzTest(maxDuration = "3m")
  void signedEnvelopeBytes(byte[] bytes) {
    verdictOn(bytes);
  }

  private static void verdictOn(byte[] bytes) {
    AdmittedEnvelope envelope;
    VerifiedSignature verified;
    try {
      envelope = ADMISSION.admit(bytes);
    } catch (MessageRejectedException rejected) {
      assertThat(rejected.errorCode().code()).as("admission refuses with an envelope code").startsWith("SWG-ENV-");
      return;
    }
    try {
      verified = VERIFIER.verify(envelope.document(), false);
    } catch (MessageRejectedException rejected) {
      assertThat(rejected).isInstanceOf(SignatureRejectedException.class);
      assertThat(rejected.errorCode()).as("signature refusal code").isIn(SIGNATURE_CODES);
      return;
    }
    // the signature verified: what the gateway reads on must be exactly what the partner signed
    assertThat(canonical(envelope.headerElement())).as("signed Header").isEqualTo(SIGNED_HEADER);
    assertThat(canonical(envelope.bodyElement())).as("signed Body").isEqualTo(SIGNED_BODY);
    assertThat(envelope.header()).as("header fields").isEqualTo(ORIGINAL.header());
    assertThat(envelope.bodyDocument().getParentNode()).isSameAs(envelope.bodyElement());
    // compared by value: a certificate whose key is re-encoded is another certificate with vcb's key
    RSAPublicKey key = (RSAPublicKey) verified.signingCertificate().getPublicKey();
    RSAPublicKey vcbKey = (RSAPublicKey) VCB.certificate().getPublicKey();
    assertThat(List.of(key.getModulus(), key.getPublicExponent())).as("the key that signed")
        .isEqualTo(List.of(vcbKey.getModulus(), vcbKey.getPublicExponent()));
    // KeyInfo is outside the signed content: a changed certificate still carries vcb's key, and
    // only the next steps, trust and the registered certificate, can refuse it (SenderAuthentication)
    try {
      TRUST.validate(verified.signingCertificate(), verified.presentedCertificates(), VCB_PARTNER.trust());
    } catch (MessageRejectedException rejected) {
      assertThat(rejected.errorCode()).as("trust refusal code").isIn(TRUST_CODES);
      return;
    }
    if (VCB_PARTNER.signsWith(verified.signingCertificate())) {
      assertThat(verified.signingCertificate()).as("authenticated signer").isEqualTo(VCB.certificate());
    }
  }

  private static Partner vcbAsRegistered() {
    X509Certificate publicCa = PemCertificates.read(DevPartner.DEV_PKI.resolve("ca/public-ca.pem"), "fuzz").get(0);
    PartnerTrust trust = new PartnerTrust(Set.of(new TrustAnchor(publicCa, null)), List.of(),
        RevocationPolicy.HARD_FAIL,
        new RevocationSources(null, List.of(DevPartner.DEV_PKI.resolve("crl/public-ca.crl").toAbsolutePath().toUri())));
    return new Partner("vcb", PartyKind.BANK, "01203001", "Vietcombank", trust, List.of(VCB.certificate()),
        Set.of(PemCertificates.sha256Fingerprint(VCB.certificate())), null, Set.of("TAX_PAYMENT_NOTICE"), false, null, null, Set.of());
  }

  private static Logger quiet(Logger logger) {
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  /** Exclusive C14N, the transform every sender reference uses. */
  private static String canonical(Element element) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Canonicalizer.getInstance(SignatureProfile.EXC_C14N).canonicalizeSubtree(element, out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException("cannot canonicalise", e);
    }
  }

  // Deterministic: RSA PKCS#1 v1.5 signatures of fixed bytes are fixed, so the committed seed
  // signed-notice.xml stays a validly signed envelope as long as certs/dev is unchanged.
  private static byte[] signedExample() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(EXAMPLE)));
      TestMessages.sign(document, VCB);
      return XmlOutput.toBytes(document);
    } catch (Exception e) {
      throw new IllegalStateException("cannot sign the example notice", e);
    }
  }
}
