package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserTextTest {

  @ParameterizedTest
  @ValueSource(strings = {"拖欠工资三个月", "Zhang San", "第一行\n第二行\t缩进", "含 emoji 😀 与生僻字 𠀀", "张三 <b>加粗</b>", "  前后空格  "})
  void shouldAcceptOrdinaryText(String text) {
    assertThat(UserText.problem(text)).isNull();
  }

  @Test
  void shouldAcceptNothingAsNothingAndLeaveRequiredToTheCaller() {
    assertThat(UserText.problem(null)).isNull();
    assertThat(UserText.problem("")).isNull();
    assertThat(UserText.problem("   ")).isNull();
    assertThat(UserText.isBlank("   ")).isTrue();
    assertThat(UserText.isBlank(null)).isTrue();
  }

  @Test
  void shouldRefuseNulWithItsOwnMessage() {
    assertThat(UserText.problem("欠薪\u0000")).contains("空字符");
  }

  @ParameterizedTest
  @ValueSource(strings = {"响铃\u0007", "退格\b", "转义\u001B[31m", "删除\u007F", "C1\u0085控制", "\uFFFF"})
  void shouldRefuseOtherControlCharacters(String text) {
    assertThat(UserText.problem(text)).contains("控制字符");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u202E三张", "左\u202A嵌入", "隔离\u2066x\u2069", "\u200F标记", "阿拉伯\u061C"})
  void shouldRefuseBidiControls(String text) {
    assertThat(UserText.problem(text)).contains("文字方向");
  }

  @Test
  void shouldRefuseALoneSurrogate() {
    assertThat(UserText.problem("半个\uD840字")).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u200B", "\u200B\u200C\u200D", "\u3000\u00A0\uFEFF", "\u2060 \u3164"})
  void shouldRefuseTextOfOnlyInvisibleCharacters(String text) {
    assertThat(UserText.problem(text)).contains("不可见");
    assertThat(UserText.isBlank(text)).isTrue();
  }

  @Test
  void shouldAcceptVisibleTextWithAZeroWidthJoinerInside() {
    // joiners inside emoji sequences are legitimate
    assertThat(UserText.problem("👨\u200D👩\u200D👧")).isNull();
    assertThat(UserText.isBlank("👨\u200D👩")).isFalse();
  }

  @Test
  void shouldCountCharactersNotUtf16Units() {
    assertThat(UserText.length("𠀀𠀁")).isEqualTo(2);
    assertThat("𠀀𠀁".length()).isEqualTo(4);
    assertThat(UserText.length("信访")).isEqualTo(2);
  }
}
