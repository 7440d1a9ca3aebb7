package cn.xinfang.flow.intake;

import static cn.xinfang.flow.intake.IntakeProcess.Var.*;

import cn.xinfang.flow.calendar.DeadlineService;
import cn.xinfang.flow.calendar.DeadlineStage;
import cn.xinfang.flow.closure.ClosureLedger;
import cn.xinfang.flow.closure.ClosureLedger.RepeatMatch;
import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.CaseNumberAllocator;
import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.PetitionStatus;
import cn.xinfang.flow.petition.QueryCodes;
import cn.xinfang.flow.petition.Vocabulary;
import cn.xinfang.flow.petition.Vocabulary.Category;
import cn.xinfang.flow.petition.Vocabulary.Channel;
import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import cn.xinfang.flow.system.VariableWrites;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Registers a petition when petition-intake starts (end of the start event), whoever started it:
 * checks the input, takes a case number, stores the ledger row, makes the case number the business
 * key and records the first receiver as case owner (首问责任人). All in the engine's transaction:
 * a bad registration rolls back whole and stores nothing.
 */
@Component("registerPetition")
public class RegisterPetitionListener implements ExecutionListener {

  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final RegistrationValidator validator;
  private final CaseNumberAllocator caseNumbers;
  private final PetitionLedger ledger;
  private final IdentityService identity;
  private final QueryCodes queryCodes;
  private final ClosureLedger closure;
  private final OrganizationDirectory organization;
  private final DeadlineService deadlines;

  RegisterPetitionListener(RegistrationValidator validator, CaseNumberAllocator caseNumbers, PetitionLedger ledger,
      IdentityService identity, QueryCodes queryCodes, ClosureLedger closure, OrganizationDirectory organization,
      DeadlineService deadlines) {
    this.deadlines = deadlines;
    this.organization = organization;
    this.closure = closure;
    this.validator = validator;
    this.caseNumbers = caseNumbers;
    this.ledger = ledger;
    this.identity = identity;
    this.queryCodes = queryCodes;
  }

  @Override
  public void notify(DelegateExecution execution) {
    register(execution, true, true);
  }

  /**
   * Registers the petition described by the execution's variables. With {@code linkDuplicates}, a
   * petition matching an open case is stored as linked to it (the intake then merges it); a case
   * referred to us from above is always a case of its own, and has no acceptance deadline of ours.
   */
  public void register(DelegateExecution execution, boolean linkDuplicates) {
    register(execution, linkDuplicates, false);
  }

  /**
   * With {@code acceptanceDeadline} (petition-intake, whose 受理审查与分办 and receipt need it), the acceptance
   * deadline is counted here, before the ledger row is written, so that the row carries it from its insert.
   */
  private void register(DelegateExecution execution, boolean linkDuplicates, boolean acceptanceDeadline) {
    if (execution.getVariable(CASE_NUMBER) != null || execution.getProcessBusinessKey() != null) {
      // numbers are handed out here and nowhere else: a preset number would take over another case
      throw new InvalidInputException("信访件登记信息有误，未保存", List.of(new FieldProblem(CASE_NUMBER,
          "信访件编号由系统在登记时生成，不能由登记人或调用方指定")));
    }
    PetitionRegistration registration = PetitionRegistration.fromVariables(execution.getVariables());
    List<FieldProblem> problems = validator.validate(registration);
    String owner = caseOwner(execution, registration, problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException("信访件登记信息有误，未保存", problems);
    }

    Category category = Vocabulary.parse(Category.class, registration.category()).orElseThrow();
    Channel channel = Vocabulary.parse(Channel.class, registration.channel()).orElseThrow();
    boolean realName = (Boolean) registration.realName();
    String name = realName ? str(registration.petitionerName()) : null;
    String phone = str(registration.petitionerPhone());
    String idNumber = realName ? upper(str(registration.petitionerIdNumber())) : null;
    String address = str(registration.petitionerAddress());
    String subject = str(registration.subject());
    int headcount = ((Number) registration.headcount()).intValue();

    String petitionerKey = petitionerKey(name, phone, idNumber);
    String subjectKey = subjectKey(subject);
    // an open case of the same petitioner on the same matter takes this one in; otherwise an earlier closed or final
    // case on the same facts (重复信访) is shown to the clerk, and final ones are not re-accepted
    ClosureLedger.EarlierCases earlier = linkDuplicates ? closure.earlierCases(petitionerKey, subjectKey, subject)
        : ClosureLedger.EarlierCases.NONE;
    Optional<String> openCase = earlier.openCase();
    Optional<RepeatMatch> repeatOf = earlier.repeatOf();

    // a discipline report (检举控告) has its own shorter acceptance limit: the flag first, then the deadline. The case
    // has no business key yet, so the deadline is not written to the ledger by an update; the insert below carries it
    execution.setVariable(CONFIDENTIAL, category.confidential());
    Date acceptanceDue = acceptanceDeadline ? deadlines.dueAt(execution, DeadlineStage.ACCEPTANCE.name()) : null;
    // the registration receipt's 查询码, issued in the same transaction as the number; its hash goes into the row
    QueryCodes.Issued queryCode = queryCodes.newCode();
    String caseNumber = caseNumbers.next(PetitionLedger.now().atZone(CHINA).toLocalDate());
    ledger.insert(new Petition(caseNumber, execution.getProcessInstanceId(), channel.name(), category.name(), subject,
        str(registration.content()), realName, headcount, str(registration.sourceLevel()), name, phone, idNumber, address,
        str(registration.relatedCaseNumber()), openCase.orElse(null), owner,
        openCase.isPresent() ? PetitionStatus.LINKED : PetitionStatus.OPEN, category.confidential(), false, 0,
        null, null, null, PetitionLedger.now(), null, null, null), petitionerKey, subjectKey, queryCode,
        acceptanceDue == null ? null : acceptanceDue.toInstant());
    // the number was taken a moment ago from a sequence: this case has no journal yet
    ledger.recordFirstEvent(caseNumber, "REGISTERED", "REGISTERED", owner,
        channel.label() + "登记" + openCase.map(c -> "，并入在办件 " + c).orElse(""));
    repeatOf.ifPresent(match -> {
      closure.markRepeatOf(caseNumber, match);
      ledger.recordEvent(caseNumber, "REPEAT_PETITION", "REPEAT_PETITION", owner, match.label()
          + (match.isFinal() ? "。原件已终结，依《信访工作条例》第三十五条不再受理。" : "。原件未终结，照常受理审查。"));
      // the earlier case counts the repeat (重复信访次数), once per new case
      ledger.countRepeatVisit(match.caseNumber(), "PETITION:" + caseNumber, owner,
          "同一信访人就同一事实再次信访，新登记 " + caseNumber + "（" + channel.label() + "）");
    });
    queryCodes.handOver(caseNumber, queryCode);

    execution.setProcessBusinessKey(caseNumber);
    execution.setVariable(CASE_NUMBER, caseNumber);
    execution.setVariable(CASE_OWNER, owner);
    routeFirstVisit(execution, caseNumber, owner);
    execution.setVariable(HEADCOUNT, headcount);
    execution.setVariable(REAL_NAME, realName);
    execution.setVariable(LINKED_CASE_NUMBER, openCase.orElse(null));
    // a blank 原信访件编号 from the form is no earlier case
    execution.setVariable(REPEAT_PETITION, str(registration.relatedCaseNumber()) != null || repeatOf.isPresent());
    VariableWrites.setIfChanged(execution, REPEAT_OF_CASE, repeatOf.map(RepeatMatch::caseNumber).orElse(null));
    execution.setVariable(REPEAT_OF_FINAL, repeatOf.map(RepeatMatch::isFinal).orElse(false));
    execution.setVariable(REPEAT_OF_LABEL, repeatOf.map(RepeatMatch::label).orElse("未发现"));
    VariableWrites.setIfChanged(execution, RELATED_CASE_NUMBER, str(registration.relatedCaseNumber()));
    execution.setVariable(CATEGORY_LABEL, category.label());
    execution.setVariable(CHANNEL_LABEL, channel.label());
    execution.setVariable(SUBJECT, subject);
    execution.removeVariable(PetitionRegistration.RECEIVED_BY);
    maskIdentity(execution, category, name, phone, idNumber, address);
  }

  /**
   * 单位首问: a department's or township's clerk registers the unit's own case, which the unit accepts,
   * handles and answers (or sends up to the office). Decided from the first receiver's groups, and always
   * overwritten here, so a form or API value of these variables counts for nothing.
   */
  private void routeFirstVisit(DelegateExecution execution, String caseNumber, String owner) {
    String unit = organization.ownHandlingUnitOf(owner).orElse(null);
    String group = unit != null ? unit : OrganizationDirectory.PETITION_OFFICE;
    VariableWrites.setIfChanged(execution, REGISTERING_UNIT, unit);
    execution.setVariable(ACCEPTANCE_GROUP, group);
    execution.setVariable(REPLY_GROUP, group);
    execution.setVariable(REPLY_ASSIGNEE, owner);
    if (unit != null) {
      // a new case of this transaction: the key is its own, a plain insert is enough
      ledger.recordFirstEvent(caseNumber, "UNIT_FIRST_VISIT", "UNIT_FIRST_VISIT", owner,
          "单位首问：由" + organization.nameOf(unit) + "负责接待，本单位受理审查、办理并答复");
    }
  }

  /**
   * Variables are readable by everyone who works the case. A discipline reporter's identity is
   * masked entirely; for other petitions only the ID number is, and the handler keeps name and phone
   * to contact the petitioner. A field nobody filled in (an anonymous petition's name, no address) gets
   * no variable: every reader takes a missing one as empty, and a registration writes fewer rows.
   */
  private static void maskIdentity(DelegateExecution execution, Category category, String name, String phone,
      String idNumber, String address) {
    boolean secret = category.confidential();
    String shownName = secret ? IdentityMasking.name(name) : name;
    VariableWrites.setIfChanged(execution, PETITIONER_NAME, shownName);
    VariableWrites.setIfChanged(execution, PETITIONER_PHONE, secret ? IdentityMasking.phone(phone) : phone);
    VariableWrites.setIfChanged(execution, PETITIONER_ID_NUMBER, IdentityMasking.idNumber(idNumber));
    VariableWrites.setIfChanged(execution, PETITIONER_ADDRESS,
        secret ? IdentityMasking.confidentialAddress(address) : address);
    execution.setVariable(PETITIONER_DISPLAY, shownName == null ? "匿名" : shownName + (secret ? "（检举人身份保密）" : ""));
  }

  /**
   * The first receiver: the staff member named as receiver (API clients registering for a desk), else
   * whoever is logged in and started the registration.
   */
  private String caseOwner(DelegateExecution execution, PetitionRegistration registration, List<FieldProblem> problems) {
    Object receivedBy = registration.receivedBy();
    if (receivedBy != null) {
      if (!(receivedBy instanceof String user) || identity.createUserQuery().userId(user).count() == 0) {
        problems.add(new FieldProblem(PetitionRegistration.RECEIVED_BY, "首问接待人「" + receivedBy + "」不是系统中的用户"));
        return null;
      }
      return user;
    }
    Object initiator = execution.getVariable(REGISTERED_BY);
    if (initiator instanceof String user && !user.isBlank()) {
      return user;
    }
    problems.add(new FieldProblem(PetitionRegistration.RECEIVED_BY, "无法确定首问接待人：请登录后登记，或在接口中填写 receivedBy"));
    return null;
  }

  /** The same person: by ID number if known, else by name and phone together; anonymous petitions never match. */
  static String petitionerKey(String name, String phone, String idNumber) {
    if (idNumber != null) {
      return sha256("id:" + idNumber);
    }
    if (name != null && phone != null) {
      return sha256("np:" + name + "|" + phone.replace("-", ""));
    }
    return null;
  }

  /** The same matter: the subject without spaces, punctuation or letter case. */
  static String subjectKey(String subject) {
    String key = subject.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\p{IsPunctuation}\\s　]+", "");
    return key.length() > 200 ? key.substring(0, 200) : key;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String str(Object o) {
    return o instanceof String s && !s.isBlank() ? s.strip() : null;
  }

  private static String upper(String s) {
    return s == null ? null : s.toUpperCase(Locale.ROOT);
  }
}
