package vn.customs.swg.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.customs.swg.admission.Examples.TAX_PAYMENT_NOTICE;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import vn.customs.swg.MessageRejectedException;
import vn.customs.swg.testsupport.EnvelopeMutator;

/**
 * Fuzzes step 1, admission (hardened parse, encoding guard, envelope schema, header reading, body
 * schema), as inbound.Admission drives it. The property, for every input: either the envelope is
 * admitted and really is one (a header read, one business document, no gateway-only element,
 * sentAt within the skew), or a {@link MessageRejectedException} with an SWG-ENV code of the
 * contract. Any other exception fails the run, and while fuzzing libFuzzer's per-input timeout
 * stops a hang (docs/fuzzing.md). In a regular build only the seeds under
 * {@code EnvelopeAdmissionFuzzTestInputs/} run; README "Fuzzing" says how to fuzz for real.
 */
class EnvelopeAdmissionFuzzTest {

  private static final String NOTICE_SCHEMA = "schemas/bank/tax-payment-notice/tax-payment-notice-1.xsd";
  private static final Duration SKEW = Duration.ofMinutes(5);
  // the example says sentAt 2026-11-22T23:41:07+07:00: the clock stands a minute later
  private static final Instant NOW = Instant.parse("2026-11-22T16:42:00Z");
  private static final byte[] EXAMPLE = Examples.utf8(Examples.example(TAX_PAYMENT_NOTICE));
  private static final EnvelopeAdmission ADMISSION = new EnvelopeAdmission(HardenedXmlParser.withDefaults(),
      new SchemaRegistry(), EnvelopeAdmission.ENVELOPE_SCHEMA, SKEW, Clock.fixed(NOW, ZoneOffset.UTC));

  /** Any bytes at all: encodings, byte-order marks, DTDs, truncations, whatever libFuzzer finds. */
  @FuzzTest(maxDuration = "3m")
  void arbitraryBytes(byte[] bytes) {
    admitOrReject(bytes);
  }

  /** The example notice after structure-aware edits, so the schema and header reader are reached. */
  @FuzzTest(maxDuration = "3m")
  void mutatedEnvelope(FuzzedDataProvider data) {
    admitOrReject(EnvelopeMutator.mutate(EXAMPLE, data));
  }

  private static void admitOrReject(byte[] bytes) {
    AdmittedEnvelope envelope;
    try {
      envelope = ADMISSION.admit(bytes);
      ADMISSION.validateBody(envelope, NOTICE_SCHEMA);
    } catch (MessageRejectedException rejected) {
      assertThat(rejected.errorCode().code()).as("admission refuses with an envelope code").startsWith("SWG-ENV-");
      return;
    }
    // admitted: check independently that it is an envelope the later steps can rely on
    assertThat(envelope.document().getElementsByTagNameNS(EnvelopeReader.NAMESPACE, "Routing").getLength()
        + envelope.document().getElementsByTagNameNS(EnvelopeReader.NAMESPACE, "SystemSignature").getLength())
        .as("gateway-only elements").isZero();
    assertThat(envelope.headerElement().getParentNode()).isSameAs(envelope.document().getDocumentElement());
    assertThat(envelope.bodyElement().getParentNode()).isSameAs(envelope.document().getDocumentElement());
    assertThat(envelope.bodyDocument().getParentNode()).isSameAs(envelope.bodyElement());
    assertThat(envelope.header().version()).isEqualTo(EnvelopeAdmission.SUPPORTED_VERSION);
    assertThat(envelope.header().messageId()).isNotBlank();
    assertThat(envelope.header().fromIdentity()).isNotBlank();
    assertThat(envelope.header().messageType()).isNotBlank();
    assertThat(Duration.between(NOW, envelope.header().sentAt().toInstant()).abs()).isLessThanOrEqualTo(SKEW);
  }
}
