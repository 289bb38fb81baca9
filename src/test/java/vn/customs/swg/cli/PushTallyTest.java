package vn.customs.swg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the outbound reliability row reads what the partner's serve printed. */
class PushTallyTest {

  private static final String BANNER = "listening on http://127.0.0.1:29990/swg/messages as BANK 01203001; saving to inbox";

  private static String line(String status, String messageId) {
    return "2026-11-22T22:40:09+07:00  " + status + "  " + messageId + "     TAX_PAYMENT_CONFIRMATION   saved";
  }

  @Test
  void aMessageAcceptedOnceIsDeliveredOnce() {
    PushTally tally = PushTally.of(List.of(BANNER, line("ACCEPTED", "A"), line("ACCEPTED", "B")));

    assertThat(tally.delivered(List.of("A", "B"))).isEqualTo(2);
    assertThat(tally.duplicates(List.of("A", "B"))).isZero();
    assertThat(tally.resends(List.of("A", "B"))).isZero();
  }

  @Test
  void aPartnerKilledBeforeItAnsweredHoldsTheMessageOnceAndAnswersTheRetryDuplicate() {
    // the ACCEPTED line of the first push was never printed: serve was stopped after saving it
    PushTally tally = PushTally.of(List.of(BANNER, line("DUPLICATE", "A"), line("ACCEPTED", "B")));

    assertThat(tally.delivered(List.of("A", "B"))).isEqualTo(2);
    assertThat(tally.duplicates(List.of("A", "B"))).isZero();
  }

  @Test
  void aRetryAfterAnAnsweredPushIsAResendNotADuplicate() {
    PushTally tally = PushTally.of(List.of(line("ACCEPTED", "A"), line("DUPLICATE", "A")));

    assertThat(tally.duplicates(List.of("A"))).isZero();
    assertThat(tally.resends(List.of("A"))).isEqualTo(1);
  }

  @Test
  void aMessageSavedTwiceIsADuplicate() {
    PushTally tally = PushTally.of(List.of(line("ACCEPTED", "A"), line("ACCEPTED", "A")));

    assertThat(tally.duplicates(List.of("A"))).isEqualTo(1);
  }

  @Test
  void aMessageTheServeNeverMentionedOrRejectedIsLost() {
    PushTally tally = PushTally.of(List.of(line("ACCEPTED", "A"), line("REJECTED", "B")));

    assertThat(tally.delivered(List.of("A", "B", "C"))).isEqualTo(1);
  }
}
