package vn.customs.swg.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveCountersTest {

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final LiveCounters counters = new LiveCounters(registry);

  @Test
  void withoutTheCounterEveryOutcomeAndPartnerReadsZero() {
    LiveCounters.Counts counts = counters.read(List.of("vcb", "moit"));

    assertThat(counts.total()).isZero();
    assertThat(counts.byOutcome()).containsExactly(Map.entry("ACCEPTED", 0L), Map.entry("DUPLICATE", 0L),
        Map.entry("REJECTED", 0L), Map.entry("DELIVERED", 0L), Map.entry("FAILED_DELIVERY", 0L));
    assertThat(counts.byPartner()).containsOnlyKeys("moit", "vcb");
    assertThat(counts.byPartner().get("vcb")).allSatisfy((outcome, count) -> assertThat(count).isZero());
  }

  @Test
  void addsUpTheCounterPerOutcomeDirectionAndPartner() {
    count("INBOUND", "vcb", "TAX_PAYMENT_NOTICE", "ACCEPTED", 3);
    count("INBOUND", "vcb", "TAX_PAYMENT_NOTICE", "REJECTED", 1);
    count("INBOUND", "moit", "LICENCE_RESULT", "ACCEPTED", 2);
    count("OUTBOUND", "vcb", "TAX_PAYMENT_CONFIRMATION", "DELIVERED", 3);
    count("INBOUND", "unknown", "other", "REJECTED", 4);

    LiveCounters.Counts counts = counters.read(List.of("bidv", "moit", "vcb"));

    assertThat(counts.total()).isEqualTo(13);
    assertThat(counts.byOutcome()).containsEntry("ACCEPTED", 5L).containsEntry("REJECTED", 5L)
        .containsEntry("DELIVERED", 3L).containsEntry("DUPLICATE", 0L);
    assertThat(counts.byDirection()).containsEntry("INBOUND", 10L).containsEntry("OUTBOUND", 3L);
    assertThat(counts.byPartner().get("vcb")).containsEntry("ACCEPTED", 3L).containsEntry("REJECTED", 1L)
        .containsEntry("DELIVERED", 3L);
    assertThat(counts.byPartner().get("unknown")).as("a sender the registry does not know still shows")
        .containsEntry("REJECTED", 4L);
    assertThat(counts.byPartner().get("bidv")).containsEntry("ACCEPTED", 0L);
  }

  private void count(String direction, String partner, String type, String outcome, int times) {
    registry.counter(LiveCounters.METRIC, "direction", direction, "partner", partner, "type", type,
        "outcome", outcome).increment(times);
  }
}
