package vn.customs.swg.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.customs.swg.operations.FilterQuery;

class MessageQueryTest {

  @Test
  void linksKeepTheFilterAndEncodeWhatWasTyped() {
    FilterQuery filter = new FilterQuery(null, " ", "vcb", null, null, null, "2026-11-22", null, "FT+1&2 x", null, null);
    MessageQuery query = new MessageQuery(filter, 2, null);

    assertThat(query.pageLink(3))
        .isEqualTo("/console/messages?partner=vcb&from=2026-11-22&documentReference=FT%2B1%262%20x&page=3");
    assertThat(query.csvLink())
        .isEqualTo("/console/messages.csv?partner=vcb&from=2026-11-22&documentReference=FT%2B1%262%20x");
  }

  @Test
  void pageAndSizeFallBackToTheFirstPageOfFifty() {
    MessageQuery query = new MessageQuery(new FilterQuery(null, null, null, null, null, null, null, null, null, null,
        null), -1, 0);

    assertThat(query.pageOr0()).isZero();
    assertThat(query.sizeOrDefault()).isEqualTo(MessageQuery.DEFAULT_SIZE);
    assertThat(new MessageQuery(query.filter(), null, 20).pageLink(1)).isEqualTo("/console/messages?size=20&page=1");
  }
}
