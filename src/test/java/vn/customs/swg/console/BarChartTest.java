package vn.customs.swg.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BarChartTest {

  private static final List<String> OUTCOMES = List.of("ACCEPTED", "REJECTED");

  @Test
  void everyBarIsOnTheScaleOfTheLongest() {
    Map<String, Map<String, Long>> values = new LinkedHashMap<>();
    values.put("vcb", Map.of("ACCEPTED", 30L, "REJECTED", 10L));
    values.put("moit", Map.of("ACCEPTED", 20L));

    BarChart chart = BarChart.of(values, OUTCOMES);

    assertThat(chart.max()).isEqualTo(40);
    BarChart.Row vcb = chart.rows().get(0);
    BarChart.Row moit = chart.rows().get(1);
    assertThat(vcb.label()).isEqualTo("vcb");
    assertThat(vcb.total()).isEqualTo(40);
    assertThat(vcb.segments()).extracting(BarChart.Segment::key).containsExactly("ACCEPTED", "REJECTED");
    double full = BarChart.BAR_AREA;
    assertThat(vcb.segments().get(0).width()).isCloseTo(full * 0.75, within(1e-9));
    assertThat(vcb.segments().get(1).x()).as("segments follow each other")
        .isCloseTo(BarChart.LABEL_WIDTH + full * 0.75, within(1e-9));
    assertThat(moit.segments().get(0).width()).as("half the longest bar").isCloseTo(full * 0.5, within(1e-9));
    assertThat(moit.y()).isGreaterThan(vcb.y());
  }

  @Test
  void zeroValuesDrawNothingAndAnAllZeroChartIsEmpty() {
    BarChart chart = BarChart.single(Map.of("SWG-SEC-003", 0L), "REJECTED");

    assertThat(chart.isEmpty()).isTrue();
    assertThat(chart.rows().get(0).segments()).isEmpty();
  }
}
