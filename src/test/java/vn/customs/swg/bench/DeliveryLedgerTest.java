package vn.customs.swg.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

  @Test
  void everyAcceptedMessageOnceOnAQueueIsConsistent() {
    DeliveryLedger ledger = new DeliveryLedger();
    ledger.accepted("A");
    ledger.accepted("B");
    ledger.onQueue("B");
    ledger.onQueue("A");

    DeliveryLedger.Summary summary = ledger.summary();

    assertThat(summary.consistent()).isTrue();
    assertThat(summary.accepted()).isEqualTo(2);
    assertThat(summary.onQueue()).isEqualTo(2);
  }

  @Test
  void namesLostDuplicatedAndUnexpectedMessages() {
    DeliveryLedger ledger = new DeliveryLedger();
    ledger.accepted("A");
    ledger.accepted("B");
    ledger.accepted("C");
    ledger.onQueue("A");
    ledger.onQueue("A");
    ledger.onQueue("A");
    ledger.onQueue("D");
    ledger.onQueue(null);

    DeliveryLedger.Summary summary = ledger.summary();

    assertThat(summary.consistent()).isFalse();
    assertThat(summary.onQueue()).isEqualTo(5);
    assertThat(summary.lost()).isEqualTo(2);
    assertThat(summary.lostIds()).containsExactly("B", "C");
    assertThat(summary.duplicates()).isEqualTo(2);
    assertThat(summary.duplicatedIds()).containsExactly("A");
    assertThat(summary.unexpected()).isEqualTo(2);
    assertThat(summary.unexpectedIds()).containsExactly(DeliveryLedger.NO_MESSAGE_ID, "D");
  }

  @Test
  void sameCountsAreNotEnoughWhenTheIdsDiffer() {
    DeliveryLedger ledger = new DeliveryLedger();
    ledger.accepted("A");
    ledger.onQueue("B");

    DeliveryLedger.Summary summary = ledger.summary();

    assertThat(summary.onQueue()).isEqualTo(summary.accepted());
    assertThat(summary.consistent()).isFalse();
    assertThat(summary.lostIds()).containsExactly("A");
    assertThat(summary.unexpectedIds()).containsExactly("B");
  }
}
