package cn.xinfang.flow.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The fields of one deployed Camunda Form (form-js JSON) and the form's own rules for them: which
 * keys it has, required, length, pattern, number range, the options of a select or radio. The server
 * applies these rules to whatever arrives at a task or start event, so a call that skips the browser
 * form gets the same answer the form gives. A form is immutable once deployed, so a parsed form may
 * be cached by deployment and resource name.
 */
public final class FormRules {

  /** One keyed field of the form. */
  public record Field(String key, String type, String label, boolean required, Integer minLength, Integer maxLength,
      Pattern pattern, String patternText, BigDecimal min, BigDecimal max, Integer decimalDigits, List<Object> options,
      String optionsKey, boolean readOnly, String hideWhen) {

    String name() {
      return label != null && !label.isBlank() ? "「" + label + "」" : "「" + key + "」";
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String formId;
  private final Map<String, Field> fields;

  private FormRules(String formId, Map<String, Field> fields) {
    this.formId = formId;
    this.fields = fields;
  }

  public String formId() {
    return formId;
  }

  public Map<String, Field> fields() {
    return fields;
  }

  /** Reads a form-js schema; a form that cannot be read accepts nothing. */
  public static FormRules parse(byte[] json) {
    try {
      JsonNode root = JSON.readTree(json);
      Map<String, Field> fields = new LinkedHashMap<>();
      collect(root.path("components"), fields);
      return new FormRules(root.path("id").asText(null), fields);
    } catch (IOException e) {
      throw new IllegalStateException("表单定义无法解析：" + e.getMessage(), e);
    }
  }

  private static void collect(JsonNode components, Map<String, Field> into) {
    for (JsonNode c : components) {
      if (c.has("components")) {
        collect(c.path("components"), into);
      }
      String key = c.path("key").asText(null);
      if (key == null || key.isBlank()) {
        continue; // text, separator, group: nothing is submitted
      }
      JsonNode v = c.path("validate");
      List<Object> options = null;
      if (c.has("values")) {
        options = new ArrayList<>();
        for (JsonNode o : c.path("values")) {
          options.add(scalar(o.path("value")));
        }
      }
      String patternText = text(v, "pattern");
      Pattern pattern = null;
      if (patternText != null) {
        try {
          pattern = Pattern.compile(patternText);
        } catch (PatternSyntaxException e) {
          pattern = null; // a pattern Java cannot read is the browser's business only
        }
      }
      into.put(key, new Field(key, c.path("type").asText(""), c.path("label").asText(null),
          v.path("required").asBoolean(false), integer(v, "minLength"), integer(v, "maxLength"), pattern, patternText,
          decimal(v, "min"), decimal(v, "max"), integer(c, "decimalDigits"), options, text(c, "valuesKey"),
          c.path("readonly").asBoolean(false) || c.path("disabled").asBoolean(false),
          text(c.path("conditional"), "hide")));
    }
  }

  /**
   * Checks what was sent against the form.
   *
   * @param sent the submitted values by name
   * @param current the values the task or case holds now (what the form showed)
   * @param completing true when the task is completed (required fields must then be filled), false
   *     when values are only saved
   * @param hidden answers whether a field's {@code conditional.hide} expression is true for the given
   *     values; empty when it cannot tell (then the field is not demanded)
   * @param extraAllowed names a door may add besides the form's fields
   */
  public List<FieldProblem> check(Map<String, Object> sent, Map<String, Object> current, boolean completing,
      Function<String, Optional<Boolean>> hidden, Collection<String> extraAllowed) {
    List<FieldProblem> problems = new ArrayList<>();
    for (String name : sent.keySet()) {
      if (!fields.containsKey(name) && !extraAllowed.contains(name)) {
        problems.add(new FieldProblem(name, "此环节的表单没有该字段，不能提交或修改它（可提交："
            + String.join("、", fields.values().stream().filter(f -> !f.readOnly()).map(Field::name).toList()) + "）"));
      }
    }
    Map<String, Object> merged = new HashMap<>(current);
    sent.forEach((k, v) -> merged.put(k, plain(v)));
    for (Field field : fields.values()) {
      boolean present = sent.containsKey(field.key());
      Object value = present ? plain(sent.get(field.key())) : null;
      if (present && field.readOnly() && !same(value, plain(current.get(field.key())))) {
        problems.add(new FieldProblem(field.key(), field.name() + "是只读字段，不能修改"));
        continue;
      }
      if (isEmpty(value)) {
        if (completing && field.required() && !field.readOnly() && isEmpty(current.get(field.key()))) {
          Optional<Boolean> isHidden = field.hideWhen() == null ? Optional.of(false) : hidden.apply(field.hideWhen());
          if (isHidden.isPresent() && !isHidden.get()) {
            problems.add(new FieldProblem(field.key(), "请填写" + field.name()));
          }
        }
        continue;
      }
      String problem = valueProblem(field, value, merged);
      if (problem != null) {
        problems.add(new FieldProblem(field.key(), problem));
      }
    }
    return problems;
  }

  private static String valueProblem(Field f, Object value, Map<String, Object> merged) {
    switch (f.type()) {
      case "textfield", "textarea" -> {
        if (!(value instanceof String s)) {
          return f.name() + "应为文字";
        }
        String bad = UserText.problem(s);
        if (bad != null) {
          return f.name() + bad;
        }
        int length = UserText.length(s);
        if (f.maxLength() != null && length > f.maxLength()) {
          return f.name() + "过长：最多 " + f.maxLength() + " 字（现为 " + length + " 字）";
        }
        if (f.minLength() != null && length < f.minLength()) {
          return f.name() + "过短：至少 " + f.minLength() + " 字";
        }
        if (f.pattern() != null && !f.pattern().matcher(s).matches()) {
          return f.name() + "格式不正确";
        }
        return null;
      }
      case "number" -> {
        BigDecimal n = number(value);
        if (n == null) {
          return f.name() + "应为数字";
        }
        if (f.decimalDigits() != null && n.stripTrailingZeros().scale() > f.decimalDigits()) {
          return f.decimalDigits() == 0 ? f.name() + "应为整数" : f.name() + "最多 " + f.decimalDigits() + " 位小数";
        }
        if ((f.min() != null && n.compareTo(f.min()) < 0) || (f.max() != null && n.compareTo(f.max()) > 0)) {
          return f.name() + "应在 " + plainNumber(f.min()) + " 至 " + plainNumber(f.max()) + " 之间";
        }
        return null;
      }
      case "checkbox" -> {
        return value instanceof Boolean ? null : f.name() + "应为是或否";
      }
      case "datetime" -> {
        if (!(value instanceof String s)) {
          return value instanceof java.util.Date ? null : f.name() + "应为日期";
        }
        try {
          LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s);
          return null;
        } catch (DateTimeParseException e) {
          return f.name() + "应为日期（如 2026-12-31）";
        }
      }
      case "radio", "select" -> {
        List<Object> options = f.options();
        if (options == null && f.optionsKey() != null) {
          options = dynamicOptions(merged.get(f.optionsKey()));
        }
        if (options == null) {
          return null;
        }
        for (Object option : options) {
          if (same(option, value)) {
            return null;
          }
        }
        return "请从" + f.name() + "的选项中选择（「" + value + "」不是可选项）";
      }
      default -> {
        return null;
      }
    }
  }

  /** Options a form takes from a variable: a list of {label, value} objects (a JSON variable or a Java list). */
  private static List<Object> dynamicOptions(Object source) {
    Object plain = plain(source);
    List<Object> options = new ArrayList<>();
    try {
      JsonNode list = plain instanceof String s ? JSON.readTree(s) : JSON.valueToTree(plain);
      if (list == null || !list.isArray()) {
        return plain == null ? List.of() : null;
      }
      for (JsonNode o : list) {
        options.add(scalar(o.has("value") ? o.path("value") : o));
      }
      return options;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Unwraps the engine's typed values and Spin JSON so values compare as plain Java objects. */
  static Object plain(Object value) {
    if (value instanceof TypedValue typed) {
      value = typed.getValue();
    }
    if (value != null && value.getClass().getName().startsWith("org.camunda.spin")) {
      return value.toString();
    }
    return value;
  }

  private static boolean isEmpty(Object value) {
    Object v = plain(value);
    return v == null || (v instanceof String s && UserText.isBlank(s));
  }

  private static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Number || b instanceof Number) {
      BigDecimal x = number(a);
      BigDecimal y = number(b);
      return x != null && y != null && x.compareTo(y) == 0;
    }
    return a.equals(b) || a.toString().equals(b.toString());
  }

  private static BigDecimal number(Object value) {
    if (value instanceof Number n) {
      try {
        return new BigDecimal(n.toString());
      } catch (NumberFormatException e) {
        return null; // NaN, infinity
      }
    }
    if (value instanceof String s) {
      try {
        return new BigDecimal(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String plainNumber(BigDecimal n) {
    return n == null ? "不限" : n.stripTrailingZeros().toPlainString();
  }

  private static Object scalar(JsonNode node) {
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    return node.isNull() || node.isMissingNode() ? null : node.asText();
  }

  private static String text(JsonNode node, String name) {
    JsonNode v = node.path(name);
    return v.isMissingNode() || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  private static Integer integer(JsonNode node, String name) {
    JsonNode v = node.path(name);
    return v.isNumber() ? v.intValue() : null;
  }

  private static BigDecimal decimal(JsonNode node, String name) {
    JsonNode v = node.path(name);
    return v.isNumber() ? v.decimalValue() : null;
  }
}
