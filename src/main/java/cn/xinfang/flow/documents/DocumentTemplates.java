package cn.xinfang.flow.documents;

import cn.xinfang.flow.documents.DocumentStore.Kind;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.UserText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The texts of the documents as templates administrators change without a release. Each kind has a
 * default in the jar ({@code documents/templates/<KIND>.txt}: line 1 the title, line 2 the 主送, then
 * the body); a changed template is a row of {@code xf_document_template} and wins over the default;
 * deleting the row restores the default. Placeholders are {@code {{名称}}} from the kind's fixed list;
 * a template with an unknown or unclosed placeholder, or without a required one, is refused whole.
 * Documents are written from the template in force when they are issued and keep that text.
 */
@Component
public class DocumentTemplates {

  /** A value a template may use. {@code internal}: a staff name, replaced in the petitioner's copy. */
  public record Placeholder(String name, String description, boolean internal, boolean required) {}

  public record Template(Kind kind, String title, String addressee, String body, boolean changed, String updatedBy,
      Instant updatedAt) {}

  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");
  static final int MAX_TITLE = 100;
  static final int MAX_ADDRESSEE = 100;
  static final int MAX_BODY = 4000;

  private static final List<Placeholder> COMMON = List.of(
      p("信访件编号", "登记编号 XF-年份-序号"), p("信访人", "信访人称谓（检举控告件为“检举人”，不显示姓名）"),
      p("信访事项", "信访事项（标题）"), p("登记日期", "登记日期"), p("登记方式", "来信、来访、网上等"),
      p("信访机构", "本级信访工作机构名称"), p("成文日期", "文书的成文日期"), p("文书编号", "文书编号，如 SL-2026-000001"));

  private static final Map<Kind, List<Placeholder>> OWN = new EnumMap<>(Kind.class);

  static {
    OWN.put(Kind.RECEIPT, List.of(p("受理告知期限", "告知是否受理的最后一日"), p("查询网址", "信访人查询页面的地址")));
    OWN.put(Kind.ACCEPTED, List.of(p("受理日期", "受理日期"), req("办理单位", "承办单位名称"),
        req("办理期限", "办理期限的最后一日"), p("告知事项", "受理审查时填写的告知信访人内容")));
    OWN.put(Kind.REJECTED, List.of(req("不予受理理由", "受理审查时填写的理由"),
        req("应向机关", "应当向其提出的有权机关（受理审查时填写，未填写时为“依法有权处理的机关”）")));
    OWN.put(Kind.FORWARDED, List.of(req("转送机关", "转送的有权机关"), p("告知日期", "转送日期"),
        p("告知事项", "受理审查时填写的告知信访人内容")));
    OWN.put(Kind.DECISION, List.of(p("办理单位", "承办单位名称"), req("查明事实", "查明的事实"),
        req("处理理由", "处理意见及依据"), req("处理结论", "支持、解释说明或不予支持"), p("答复内容", "答复信访人的内容"),
        req("复查机关", "受理复查申请的机关"), p("复查申请期限", "申请复查的最后一日（答复之日起30日）"),
        new Placeholder("承办人", "承办人姓名（内部信息：信访人副本显示为信访机构名称）", true, false)));
    OWN.put(Kind.REVIEW, List.of(req("复查结论", "维持、撤销或变更"), req("复查意见", "复查意见"),
        p("复核机关", "受理复核请求的机关")));
    OWN.put(Kind.REREVIEW, List.of(req("复核结论", "维持、撤销或变更"), req("复核意见", "复核意见")));
    OWN.put(Kind.REFERRAL_LETTER, List.of(p("主送单位", "承办单位名称"), p("信访类别", "信访类别"),
        p("转办要求", "转办要求"), req("报告期限", "报告结果的最后一日"), p("异议期限", "提出异议的最后一日")));
    OWN.put(Kind.URGING_LETTER, List.of(p("主送单位", "承办单位名称"), req("转办函编号", "原转办函编号"),
        req("原办理期限", "已届满的办理期限")));
  }

  private final JdbcTemplate jdbc;
  private final Map<Kind, Template> defaults = new EnumMap<>(Kind.class);

  DocumentTemplates(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    for (Kind kind : Kind.values()) {
      if (kind.templated()) {
        defaults.put(kind, readDefault(kind));
      }
    }
  }

  public static List<Placeholder> placeholders(Kind kind) {
    List<Placeholder> all = new ArrayList<>(COMMON);
    all.addAll(OWN.get(kind));
    return all;
  }

  /** The template in force: the administrators' change if there is one, else the shipped default. */
  public Template current(Kind kind) {
    return jdbc.query("SELECT * FROM xf_document_template WHERE kind = ?", (rs, i) -> new Template(kind,
        rs.getString("title"), rs.getString("addressee"), rs.getString("body"), true, rs.getString("updated_by"),
        rs.getTimestamp("updated_at").toInstant()), kind.name()).stream().findFirst().orElse(defaults.get(kind));
  }

  public Template shippedDefault(Kind kind) {
    return defaults.get(kind);
  }

  /** Checks and stores a changed template; refused whole (400 naming the field) when anything is wrong. */
  @Transactional
  public Template change(Kind kind, String title, String addressee, String body, String actor) {
    validate(kind, title, addressee, body);
    Instant now = PetitionLedger.now();
    int updated = jdbc.update("UPDATE xf_document_template SET title = ?, addressee = ?, body = ?, updated_by = ?, "
        + "updated_at = ? WHERE kind = ?", title.strip(), addressee.strip(), normalize(body), actor, Timestamp.from(now),
        kind.name());
    if (updated == 0) {
      jdbc.update("INSERT INTO xf_document_template (kind, title, addressee, body, updated_by, updated_at) "
          + "VALUES (?, ?, ?, ?, ?, ?)", kind.name(), title.strip(), addressee.strip(), normalize(body), actor,
          Timestamp.from(now));
    }
    return current(kind);
  }

  /** Back to the shipped default. */
  public Template reset(Kind kind) {
    jdbc.update("DELETE FROM xf_document_template WHERE kind = ?", kind.name());
    return current(kind);
  }

  /** Every problem of a template at once, each naming its field (title, addressee, body). */
  public static void validate(Kind kind, String title, String addressee, String body) {
    List<FieldProblem> problems = new ArrayList<>();
    Set<String> known = new LinkedHashSet<>();
    placeholders(kind).forEach(p -> known.add(p.name()));
    check(problems, "title", "标题", title, MAX_TITLE, known);
    check(problems, "addressee", "主送", addressee, MAX_ADDRESSEE, known);
    check(problems, "body", "正文", body, MAX_BODY, known);
    if (body != null) {
      Set<String> used = used(title + "\n" + addressee + "\n" + body);
      List<String> missing = placeholders(kind).stream().filter(Placeholder::required).map(Placeholder::name)
          .filter(n -> !used.contains(n)).toList();
      if (!missing.isEmpty()) {
        problems.add(new FieldProblem("body", "正文缺少必需的占位符：" + String.join("、", missing.stream()
            .map(n -> "{{" + n + "}}").toList()) + "（" + kind.label() + "必须写明这些内容）"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(kind.label() + "模板有误，未保存：" + problems.get(0).message(), problems);
    }
  }

  private static void check(List<FieldProblem> problems, String field, String label, String text, int max,
      Set<String> known) {
    if (UserText.isBlank(text)) {
      problems.add(new FieldProblem(field, "请填写" + label));
      return;
    }
    if (UserText.length(text.strip()) > max) {
      problems.add(new FieldProblem(field, label + "不能超过 " + max + " 字"));
    }
    String unclosed = PLACEHOLDER.matcher(text).replaceAll("");
    if (unclosed.contains("{{") || unclosed.contains("}}")) {
      problems.add(new FieldProblem(field, label + "中有未闭合的占位符：占位符的写法是 {{名称}}"));
    }
    Set<String> unknown = new LinkedHashSet<>(used(text));
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      problems.add(new FieldProblem(field, label + "中有未知的占位符：" + String.join("、", unknown.stream()
          .map(n -> "{{" + n + "}}").toList()) + "。可用的占位符：" + String.join("、", known)));
    }
  }

  private static Set<String> used(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text == null ? "" : text);
    while (m.find()) {
      names.add(m.group(1).strip());
    }
    return names;
  }

  /**
   * Writes a kind's text from the template in force. {@code values} has the staff copy's values; the
   * petitioner's copy replaces every internal placeholder with {@code publicReplacement}.
   */
  public DocumentStore.Text write(Kind kind, String issuer, Map<String, String> values, String publicReplacement) {
    Template t = current(kind);
    Map<String, String> publicValues = new LinkedHashMap<>(values);
    for (Placeholder p : placeholders(kind)) {
      if (p.internal()) {
        publicValues.put(p.name(), publicReplacement);
      }
    }
    return new DocumentStore.Text(fill(t.title(), values), fill(t.addressee(), values), issuer,
        fill(t.body(), values), fill(t.body(), publicValues));
  }

  static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1).strip());
      m.appendReplacement(out, Matcher.quoteReplacement(value == null || value.isBlank() ? "—" : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String normalize(String body) {
    return body.replace("\r\n", "\n").strip();
  }

  private static Template readDefault(Kind kind) {
    try (InputStream in = new ClassPathResource("documents/templates/" + kind.name() + ".txt").getInputStream()) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").split("\n", 3);
      Template t = new Template(kind, lines[0].strip(), lines[1].strip(), lines[2].strip(), false, null, null);
      validate(kind, t.title(), t.addressee(), t.body());
      return t;
    } catch (IOException e) {
      throw new UncheckedIOException("文书模板缺失：documents/templates/" + kind.name() + ".txt", e);
    }
  }

  /** A kind whose text administrators may change; the untemplated kinds (written by their step) are not. */
  public static Optional<Kind> kind(String name) {
    for (Kind k : Kind.values()) {
      if (k.templated() && k.name().equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  private static Placeholder p(String name, String description) {
    return new Placeholder(name, description, false, false);
  }

  private static Placeholder req(String name, String description) {
    return new Placeholder(name, description, false, true);
  }
}
