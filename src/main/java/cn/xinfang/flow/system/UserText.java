package cn.xinfang.flow.system;

/**
 * What free text typed by a person (or sent by a client) may contain, the same at every door: forms,
 * {@code /engine-rest}, {@code /api}. Lengths are counted in characters (Unicode code points), so a
 * limit means the same on H2 and PostgreSQL and for Chinese and Latin text alike.
 *
 * <p>Refused: NUL and other control characters (PostgreSQL cannot store NUL; the others hide text
 * in printouts), bidirectional overrides and isolates (they make a printed name read backwards), and
 * text that consists only of spaces and invisible characters (it looks filled in and says nothing).
 * Line breaks and tabs stay allowed for long texts.
 */
public final class UserText {

  private UserText() {}

  /** Characters a person cannot see; text made only of these (and spaces) counts as empty. */
  static boolean invisible(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp)
        || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD
        || cp == 0x180E || cp == 0x3164 || cp == 0x115F || cp == 0x1160;
  }

  static boolean bidiControl(int cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F
        || cp == 0x061C;
  }

  static boolean forbiddenControl(int cp) {
    if (cp == '\n' || cp == '\r' || cp == '\t') {
      return false;
    }
    return Character.getType(cp) == Character.CONTROL || cp == 0xFFFE || cp == 0xFFFF
        || Character.getType(cp) == Character.SURROGATE;
  }

  /** Length in characters as a person counts them. */
  public static int length(String value) {
    return value.codePointCount(0, value.length());
  }

  /**
   * The problem with this text, in Chinese, or {@code null} when it may be stored. Does not judge
   * emptiness of a blank string (whether a field is required is the caller's rule), only that
   * non-blank text has something visible in it.
   */
  public static String problem(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    boolean visible = false;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      if (forbiddenControl(cp)) {
        return cp == 0 ? "含有空字符（NUL），请删除后重新输入" : "含有不可见的控制字符，请删除后重新输入";
      }
      if (bidiControl(cp)) {
        return "含有改变文字方向的控制字符，请删除后重新输入";
      }
      if (!invisible(cp)) {
        visible = true;
      }
      i += Character.charCount(cp);
    }
    return visible || value.isBlank() ? null : "只含空格或不可见字符，请填写实际内容";
  }

  /** True when the text has no visible character at all (null, empty, spaces, zero-width characters). */
  public static boolean isBlank(String value) {
    if (value == null) {
      return true;
    }
    return value.codePoints().allMatch(UserText::invisible);
  }
}
