package cn.xinfang.flow.documents;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.documents.DocumentStore.Document;
import cn.xinfang.flow.documents.DocumentStore.Kind;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.Vocabulary;
import cn.xinfang.flow.system.TrustedEngineCalls;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Issues the statutory documents from the step that issues them. The diagrams call it from an
 * execution listener on the existing step, e.g. on 登记受理决定
 * {@code <camunda:executionListener expression="${documentIssuer.issue(execution, 'ACCEPTED')}" event="end"/>}:
 *
 * <ul>
 *   <li>登记回执 RECEIPT — the start event 登记信访件 (after registration);
 *   <li>受理告知书 ACCEPTED — 登记受理决定, when the case is handled, assigned or referred;
 *   <li>不予受理告知书 REJECTED — 出具不予受理告知; 转送告知书 FORWARDED — 转送并告知信访人;
 *   <li>信访处理意见书 DECISION — 记录答复; 复查意见书 REVIEW — 记录复查意见; 复核意见书 REREVIEW — 记录复核意见;
 *   <li>转办函 and 督办函 — the referral's own delegates ({@link #issue(String, Kind, String, String, String, Map)}).
 * </ul>
 *
 * The key holds the activity instance: the step run again (a retried job) writes no second document,
 * a step passed again on a later round (a second reply after 复查 撤销) writes a new one.
 */
@Component("documentIssuer")
public class DocumentIssuer {

  static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日").withZone(ZoneId.of("Asia/Shanghai"));
  /** The petitioner's page, printed on the receipt. */
  public static final String PUBLIC_PAGE = "/public/cases";

  private static final Set<String> ACCEPTING = Set.of("HANDLE", "ASSIGN", "REFER");

  private final DocumentStore documents;
  private final DocumentTemplates templates;
  private final PetitionLedger ledger;
  private final OrganizationDirectory organization;
  private final DeadlineService deadlines;
  private final TrustedEngineCalls trusted;

  DocumentIssuer(DocumentStore documents, DocumentTemplates templates, PetitionLedger ledger,
      OrganizationDirectory organization, DeadlineService deadlines, TrustedEngineCalls trusted) {
    this.documents = documents;
    this.templates = templates;
    this.ledger = ledger;
    this.organization = organization;
    this.deadlines = deadlines;
    this.trusted = trusted;
  }

  /** For the diagrams' execution listeners: issues the kind's document for this case at this step. */
  public void issue(DelegateExecution execution, String kindName) {
    Kind kind = Kind.valueOf(kindName);
    String caseNumber = execution.getProcessBusinessKey();
    DelegateExecution instance = execution.getProcessInstance();
    String office = organization.nameOf(OrganizationDirectory.PETITION_OFFICE);
    String issuer = office;
    Map<String, String> v = new HashMap<>();
    String key = kind.name() + ":" + caseNumber + ":" + execution.getActivityInstanceId();
    switch (kind) {
      case RECEIPT -> {
        key = kind.name() + ":" + caseNumber; // one receipt per case
        v.put("受理告知期限", day(deadlines.dueAt(instance, "ACCEPTANCE")));
        v.put("查询网址", PUBLIC_PAGE);
      }
      case ACCEPTED -> {
        if (!ACCEPTING.contains(String.valueOf(execution.getVariable("acceptanceDecision")))) {
          return; // forwarded or rejected: those have their own notices
        }
        v.put("受理日期", day(PetitionLedger.now()));
        v.put("办理单位", text(execution, "handlingUnitName"));
        v.put("办理期限", day(deadlines.dueAt(instance, "HANDLING")));
        v.put("告知事项", text(execution, "acceptanceNote"));
      }
      case REJECTED -> {
        v.put("不予受理理由", text(execution, "acceptanceNote"));
        String body = text(execution, "forwardBody");
        v.put("应向机关", body == null || body.isBlank() ? "依法有权处理的机关" : body);
      }
      case FORWARDED -> {
        v.put("转送机关", text(execution, "forwardBody"));
        v.put("告知日期", day(PetitionLedger.now()));
        v.put("告知事项", text(execution, "acceptanceNote"));
      }
      case DECISION -> {
        v.put("办理单位", text(execution, "handlingUnitName"));
        v.put("查明事实", text(execution, "facts"));
        v.put("处理理由", text(execution, "reasons"));
        v.put("处理结论", text(execution, "outcomeLabel"));
        v.put("答复内容", text(execution, "replyText"));
        v.put("复查机关", organization.nameOf(organization.reviewBody("UPPER_REVIEW")));
        v.put("复查申请期限", day(deadlines.dueAt(instance, "REVIEW_REQUEST")));
        String owner = text(execution, "caseOwner");
        v.put("承办人", owner == null ? office : trusted.call(() -> organization.displayName(owner)));
      }
      case REVIEW -> {
        issuer = organization.nameOf(organization.reviewBody("UPPER_REVIEW"));
        v.put("复查结论", reviewLabel(text(execution, "reviewOutcome")));
        v.put("复查意见", text(execution, "reviewOpinion"));
        v.put("复核机关", organization.nameOf(organization.reviewBody("UPPER_REREVIEW")));
      }
      case REREVIEW -> {
        issuer = organization.nameOf(organization.reviewBody("UPPER_REREVIEW"));
        v.put("复核结论", reviewLabel(text(execution, "rereviewOutcome")));
        v.put("复核意见", text(execution, "rereviewOpinion"));
      }
      default -> throw new IllegalArgumentException(kind + " 由转办流程的步骤出具，不能由监听器出具");
    }
    issue(key, kind, caseNumber, null, issuer, v);
  }

  /**
   * Issues a document of any kind from the template in force, once per key. The common values
   * (case number, petitioner, subject, dates, number) are added here from the ledger.
   */
  public Document issue(String key, Kind kind, String caseNumber, String unit, String issuer, Map<String, String> own) {
    // the receipt: the case as the registration in this transaction stored it (subject, channel, petitioner, date)
    Petition p = (kind == Kind.RECEIPT ? ledger.registeredInThisTransaction(caseNumber) : Optional.<Petition>empty())
        .or(() -> ledger.find(caseNumber))
        .orElseThrow(() -> new IllegalStateException("台账中没有信访件 " + caseNumber));
    String office = organization.nameOf(OrganizationDirectory.PETITION_OFFICE);
    return documents.issue(key, kind, caseNumber, unit, (number, issuedAt) -> {
      Map<String, String> v = new HashMap<>(own);
      v.put("信访件编号", caseNumber);
      v.put("信访人", petitionerTitle(p));
      v.put("信访事项", p.subject());
      v.put("登记日期", p.registeredAt() == null ? null : day(p.registeredAt()));
      v.put("登记方式", Vocabulary.parse(Vocabulary.Channel.class, p.channel()).map(Vocabulary.Channel::label)
          .orElse(p.channel()));
      v.put("信访类别", Vocabulary.parse(Vocabulary.Category.class, p.category()).map(Vocabulary.Category::label)
          .orElse(p.category()));
      v.put("信访机构", office);
      v.put("成文日期", day(issuedAt));
      v.put("文书编号", number);
      return templates.write(kind, issuer, v, office);
    });
  }

  /**
   * How documents name the petitioner: a discipline reporter (检举控告) never by name, on no copy
   * (the documents are shown to the units handling the case); an anonymous petition as 信访人.
   */
  static String petitionerTitle(Petition p) {
    if (p.confidential() || "DISCIPLINE".equals(p.category())) {
      return "检举人";
    }
    return p.petitionerName() == null || p.petitionerName().isBlank() ? "信访人" : p.petitionerName().strip();
  }

  private static String reviewLabel(String code) {
    return Vocabulary.parse(cn.xinfang.flow.intake.IntakeProcess.ReviewOutcome.class, code)
        .map(cn.xinfang.flow.intake.IntakeProcess.ReviewOutcome::label).orElse(code);
  }

  private static String text(DelegateExecution execution, String name) {
    Object value = execution.getVariable(name);
    return value == null ? null : String.valueOf(value);
  }

  public static String day(Date date) {
    return date == null ? null : DAY.format(date.toInstant());
  }

  public static String day(Instant instant) {
    return instant == null ? null : DAY.format(instant);
  }
}
