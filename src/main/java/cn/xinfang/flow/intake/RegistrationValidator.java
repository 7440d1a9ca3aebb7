package cn.xinfang.flow.intake;

import cn.xinfang.flow.petition.Vocabulary;
import cn.xinfang.flow.petition.Vocabulary.Category;
import cn.xinfang.flow.petition.Vocabulary.Channel;
import cn.xinfang.flow.petition.Vocabulary.SourceLevel;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.UserText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The rules of a registration, the same for the start form and the API. Each problem names the
 * field and says what to fix; a registration with any problem stores nothing.
 */
@Component
class RegistrationValidator {

  static final int MAX_NAME = 50;
  static final int MAX_SUBJECT = 100;
  static final int MAX_CONTENT = 4000;
  static final int MAX_ADDRESS = 200;
  static final int MAX_HEADCOUNT = 9999;

  static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}");
  static final Pattern ID_NUMBER = Pattern.compile("[0-9]{17}[0-9Xx]");
  static final Pattern CASE_NUMBER = Pattern.compile("XF-[0-9]{4}-[0-9]{6}");

  List<FieldProblem> validate(PetitionRegistration r) {
    List<FieldProblem> problems = new ArrayList<>();
    code(problems, "channel", "信访渠道", r.channel(), Channel.class);
    code(problems, "category", "信访类别", r.category(), Category.class);
    code(problems, "sourceLevel", "来源层级", r.sourceLevel(), SourceLevel.class);
    text(problems, "subject", "信访事项", r.subject(), true, MAX_SUBJECT);
    text(problems, "content", "信访内容", r.content(), true, MAX_CONTENT);
    Boolean realName = null;
    if (r.realName() instanceof Boolean b) {
      realName = b;
    } else {
      problems.add(new FieldProblem("realName", "请选择是否实名信访（true 实名 / false 匿名）"));
    }
    text(problems, "petitionerName", "信访人姓名", r.petitionerName(), Boolean.TRUE.equals(realName), MAX_NAME);
    if (text(problems, "petitionerPhone", "联系电话", r.petitionerPhone(), false, 20)
        && !PHONE.matcher(((String) r.petitionerPhone()).strip()).matches()) {
      problems.add(new FieldProblem("petitionerPhone", "联系电话格式不正确：应为 11 位手机号或带区号的固定电话，如 13812345678、0571-87654321"));
    }
    if (text(problems, "petitionerIdNumber", "身份证号码", r.petitionerIdNumber(), false, 18)
        && !validIdNumber(((String) r.petitionerIdNumber()).strip())) {
      problems.add(new FieldProblem("petitionerIdNumber", "身份证号码不正确：应为 18 位，末位为数字或 X，且校验位正确"));
    }
    text(problems, "petitionerAddress", "联系地址", r.petitionerAddress(), false, MAX_ADDRESS);
    if (text(problems, "relatedCaseNumber", "原信访件编号", r.relatedCaseNumber(), false, 20)
        && !CASE_NUMBER.matcher(((String) r.relatedCaseNumber()).strip()).matches()) {
      problems.add(new FieldProblem("relatedCaseNumber", "原信访件编号格式应为 XF-年份-6位序号，如 XF-2026-000123"));
    }
    Object headcount = r.headcount();
    if (headcount == null) {
      problems.add(new FieldProblem("headcount", "请填写信访人数（1 至 " + MAX_HEADCOUNT + "）"));
    } else if (!(headcount instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.longValue() < 1 || n.longValue() > MAX_HEADCOUNT) {
      problems.add(new FieldProblem("headcount", "信访人数应为 1 至 " + MAX_HEADCOUNT + " 的整数"));
    }
    return problems;
  }

  private static void code(List<FieldProblem> problems, String field, String label, Object value,
      Class<? extends Enum<?>> type) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      problems.add(new FieldProblem(field, "请选择" + label + "，可选：" + Vocabulary.allowed(type)));
      return;
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    boolean known = Vocabulary.parse((Class) type, value).isPresent();
    if (!known) {
      problems.add(new FieldProblem(field, label + "取值无效「" + value + "」，可选：" + Vocabulary.allowed(type)));
    }
  }

  /** @return true when a non-blank string is present and within its length, for further checks */
  private static boolean text(List<FieldProblem> problems, String field, String label, Object value, boolean required,
      int max) {
    if (value != null && !(value instanceof String)) {
      problems.add(new FieldProblem(field, label + "应为文字"));
      return false;
    }
    String s = (String) value;
    // what may not be stored at all (NUL, control and bidi characters) is refused even where the field is optional
    String problem = UserText.problem(s);
    if (problem != null) {
      problems.add(new FieldProblem(field, label + problem));
      return false;
    }
    if (UserText.isBlank(s)) {
      if (required) {
        problems.add(new FieldProblem(field, "请填写" + label));
      }
      return false;
    }
    int length = UserText.length(s.strip());
    if (length > max) {
      problems.add(new FieldProblem(field, label + "过长：最多 " + max + " 字，现为 " + length + " 字"));
      return false;
    }
    return true;
  }

  /** GB 11643: 17 digits weighted, mod 11, check character 1 0 X 9 8 7 6 5 4 3 2. */
  static boolean validIdNumber(String id) {
    if (!ID_NUMBER.matcher(id).matches()) {
      return false;
    }
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (id.charAt(i) - '0') * weights[i];
    }
    char expected = "10X98765432".charAt(sum % 11);
    return Character.toUpperCase(id.charAt(17)) == expected;
  }
}
