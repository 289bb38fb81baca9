package vn.customs.swg.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import vn.customs.swg.store.search.MessageFilter;

class MessageQueryTest {

  private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

  @Test
  void timesAreTypedInTheGatewaysZone() {
    MessageQuery query = query("vcb", "2026-11-22T08:00", "2026-11-22T09:30", null, null);

    MessageFilter filter = query.filter(VIETNAM);

    assertThat(filter.partner()).isEqualTo("vcb");
    assertThat(filter.receivedFrom()).isEqualTo(Instant.parse("2026-11-22T01:00:00Z"));
    assertThat(filter.receivedTo()).isEqualTo(Instant.parse("2026-11-22T02:30:00Z"));
  }

  @Test
  void aTimeThatIsNotOneIsRefusedWithASentence() {
    assertThatThrownBy(() -> query(null, "yesterday", null, null, null).filter(VIETNAM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("from: \"yesterday\" is not a date and time like 2026-11-22T15:30");
  }

  @Test
  void linksKeepTheFilterAndEncodeWhatWasTyped() {
    MessageQuery query = query("vcb", null, null, "FT+1&2 x", 2);

    assertThat(query.pageLink(3)).isEqualTo("/console/messages?partner=vcb&documentReference=FT%2B1%262%20x&page=3");
    assertThat(query.csvLink()).isEqualTo("/console/messages.csv?partner=vcb&documentReference=FT%2B1%262%20x");
    assertThat(query("", null, null, " ", null).isEmpty()).isTrue();
  }

  private static MessageQuery query(String partner, String from, String to, String documentReference, Integer page) {
    return new MessageQuery(null, null, partner, null, null, null, from, to, documentReference, null, null, page, null);
  }
}
