package vn.customs.swg.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vn.customs.swg.ErrorCode;
import vn.customs.swg.receipt.ReceiptStatus;
import vn.customs.swg.store.delivery.Outcome;
import vn.customs.swg.testsupport.DevConfiguration;

/**
 * The message counters as an operator reads them: one series per registered partner, catalogue
 * type, outcome and contract code, and nothing a sender can invent.
 */
class OutcomeCountersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final OutcomeCounters counters =
      new OutcomeCounters(registry, DevConfiguration.partners(), DevConfiguration.catalogue());

  @Test
  void countsAnInboundVerdictUnderItsPartnerTypeOutcomeAndFirstCode() {
    counters.inbound("vcb", "TAX_PAYMENT_NOTICE", ReceiptStatus.ACCEPTED, List.of());
    counters.inbound("vcb", "TAX_PAYMENT_NOTICE", ReceiptStatus.REJECTED, List.of(ErrorCode.SEC_002, ErrorCode.SEC_006));
    counters.inbound("vcb", "TAX_PAYMENT_NOTICE", ReceiptStatus.REJECTED, List.of(ErrorCode.SEC_002));

    assertThat(messages("INBOUND", "vcb", "TAX_PAYMENT_NOTICE", "ACCEPTED", "none")).isEqualTo(1.0);
    assertThat(messages("INBOUND", "vcb", "TAX_PAYMENT_NOTICE", "REJECTED", "SWG-SEC-002")).isEqualTo(2.0);
  }

  @Test
  void valuesASenderChoseNeverBecomeTagValues() {
    for (int i = 0; i < 50; i++) {
      counters.inbound("attacker-" + i, "TYPE_" + i, ReceiptStatus.REJECTED, List.of(ErrorCode.SEC_009));
    }
    counters.inbound(null, null, ReceiptStatus.REJECTED, List.of(ErrorCode.ENV_001));

    assertThat(registry.find(OutcomeCounters.MESSAGES).counters()).hasSize(2);
    assertThat(messages("INBOUND", "unknown", "other", "REJECTED", "SWG-SEC-009")).isEqualTo(50.0);
    assertThat(messages("INBOUND", "unknown", "other", "REJECTED", "SWG-ENV-001")).isEqualTo(1.0);
  }

  @Test
  void aDeliveryCountsTheMessageAndItsAttempt() {
    counters.delivered("bidv", "TAX_PAYMENT_CONFIRMATION", "JMS");

    assertThat(messages("OUTBOUND", "bidv", "TAX_PAYMENT_CONFIRMATION", "DELIVERED", "none")).isEqualTo(1.0);
    assertThat(attempts("bidv", "JMS", "DELIVERED")).isEqualTo(1.0);
  }

  @Test
  void failedAttemptsAreRetriesUntilTheLastMakesTheMessageFailedDelivery() {
    Instant next = Instant.parse("2026-01-01T00:00:00Z");
    counters.failedAttempt("vcb", "TAX_PAYMENT_CONFIRMATION", "HTTP", new Outcome(Outcome.Kind.RETRY, 1, next), false);
    counters.failedAttempt("vcb", "TAX_PAYMENT_CONFIRMATION", "HTTP", new Outcome(Outcome.Kind.RETRY, 2, next), true);
    counters.failedAttempt("vcb", "TAX_PAYMENT_CONFIRMATION", "HTTP",
        new Outcome(Outcome.Kind.FAILED_DELIVERY, 3, null), true);
    // another node settled the delivery meanwhile: the store recorded nothing, nothing is counted
    counters.failedAttempt("vcb", "TAX_PAYMENT_CONFIRMATION", "HTTP",
        new Outcome(Outcome.Kind.NOT_DELIVERING, 3, null), false);

    assertThat(attempts("vcb", "HTTP", "RETRY")).isEqualTo(1.0);
    assertThat(attempts("vcb", "HTTP", "REFUSED_RECEIPT")).isEqualTo(1.0);
    assertThat(attempts("vcb", "HTTP", "FAILED")).isEqualTo(1.0);
    assertThat(registry.find(OutcomeCounters.ATTEMPTS).counters()).hasSize(3);
    assertThat(messages("OUTBOUND", "vcb", "TAX_PAYMENT_CONFIRMATION", "FAILED_DELIVERY", "none")).isEqualTo(1.0);
  }

  @Test
  void anOutboundRejectionCarriesItsCode() {
    counters.outboundRejected(null, "NOT_A_TYPE", ErrorCode.RTE_001);

    assertThat(messages("OUTBOUND", "unknown", "other", "REJECTED", "SWG-RTE-001")).isEqualTo(1.0);
  }

  private double messages(String direction, String partner, String type, String outcome, String code) {
    Counter counter = registry.find(OutcomeCounters.MESSAGES).tags("direction", direction, "partner", partner,
        "type", type, "outcome", outcome, "code", code).counter();
    assertThat(counter).as("series %s", tagsOf(registry.find(OutcomeCounters.MESSAGES).meters())).isNotNull();
    return counter.count();
  }

  private double attempts(String partner, String channel, String outcome) {
    Counter counter = registry.find(OutcomeCounters.ATTEMPTS)
        .tags("partner", partner, "channel", channel, "outcome", outcome).counter();
    assertThat(counter).as("series %s", tagsOf(registry.find(OutcomeCounters.ATTEMPTS).meters())).isNotNull();
    return counter.count();
  }

  private static List<Map<String, String>> tagsOf(java.util.Collection<Meter> meters) {
    return meters.stream().map(meter -> {
      Map<String, String> tags = new TreeMap<>();
      meter.getId().getTags().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
      return tags;
    }).toList();
  }
}
