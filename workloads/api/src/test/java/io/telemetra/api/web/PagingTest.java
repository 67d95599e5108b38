package io.telemetra.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagingTest {

  @Test
  void absentParametersMeanTheFirstPageOfFifty() {
    assertThat(Paging.parse(null, null)).isEqualTo(new Paging(0, 50));
    assertThat(Paging.parse("3", "200").offset()).isEqualTo(600);
    assertThat(Paging.parse("+2", "007")).isEqualTo(new Paging(2, 7));
  }

  /** What Spring's lenient int conversion accepted, though the document says integer. */
  @ParameterizedTest
  @ValueSource(strings = {"", " 5", "5 ", "0x10", "#10", "1,2", "1.0", "1e2", "٣", "abc"})
  void onlyAWholeNumberIsAPageOrASize(String value) {
    assertThatThrownBy(() -> Paging.parse(value, null))
        .isInstanceOf(ApiException.class)
        .hasMessage("page: must be a whole number");
    assertThatThrownBy(() -> Paging.parse(null, value))
        .isInstanceOf(ApiException.class)
        .hasMessage("size: must be a whole number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "100001", "2147483648", "99999999999999999999999"})
  void pagesOutOfRangeNameTheBounds(String page) {
    assertThatThrownBy(() -> Paging.parse(page, "10"))
        .isInstanceOf(ApiException.class)
        .hasMessage("page: must be between 0 and 100000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "201", "-99999999999999999999999"})
  void sizesOutOfRangeNameTheBounds(String size) {
    assertThatThrownBy(() -> Paging.parse("0", size))
        .isInstanceOf(ApiException.class)
        .hasMessage("size: must be between 1 and 200");
  }
}
