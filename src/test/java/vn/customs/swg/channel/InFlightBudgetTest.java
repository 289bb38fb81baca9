package vn.customs.swg.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InFlightBudgetTest {

  private final InFlightBudget budget = new InFlightBudget(1000, Duration.ZERO);

  @Test
  void sharesUpToTheBudgetThenRefusesUntilOneIsGivenBack() {
    InFlightBudget.Share first = budget.take(600);
    InFlightBudget.Share second = budget.take(400);

    assertThat(first).isNotNull();
    assertThat(second).isNotNull();
    assertThat(budget.take(1)).as("budget spent").isNull();

    first.close();
    assertThat(budget.take(600)).as("room again once the first is answered").isNotNull();
  }

  @Test
  void aSubmissionLargerThanTheBudgetWaitsForAllOfItInsteadOfBeingRefusedForever() {
    InFlightBudget.Share whole = budget.take(5000);

    assertThat(whole).isNotNull();
    assertThat(budget.available()).isZero();
    whole.close();
    assertThat(budget.available()).isEqualTo(1000);
  }

  @Test
  void givingAShareBackTwiceDoesNotGrowTheBudget() {
    InFlightBudget.Share share = budget.take(300);
    share.close();
    share.close();

    assertThat(budget.available()).isEqualTo(1000);
  }

  @Test
  void anEmptyBodyStillTakesAByte() {
    InFlightBudget.Share share = budget.take(0);

    assertThat(budget.available()).isEqualTo(999);
    share.close();
  }

  @Test
  void refusesANonsensicalBudget() {
    assertThatThrownBy(() -> new InFlightBudget(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
