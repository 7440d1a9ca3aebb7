package cn.xinfang.flow.closure;

import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.petition.Petition;
import cn.xinfang.flow.petition.PetitionLedger;
import cn.xinfang.flow.petition.Vocabulary;
import cn.xinfang.flow.system.Caller;
import cn.xinfang.flow.system.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The petitioner's profile (信访人档案): every case of the same petitioner ({@code petitioner_key}: ID
 * number, else name and phone) with the counts the offices use — 信访件数 (老户: more than one case),
 * 越级 (the case came down from the city, province or centre, so the petitioner went above the county),
 * repeat petitions and final cases. Only the office, the leaders, supervision and administrators see
 * profiles (never a unit). A discipline reporter's cases (confidential) are listed to the office alone:
 * to anyone else a profile would tie the report to a named person.
 */
@Component
public class PetitionerProfiles {

  /** Who may open profiles (as casefile.CaseAccess.OVERSIGHT). */
  static final Set<String> VIEWERS = Set.of(OrganizationDirectory.PETITION_OFFICE, "leaders", "supervision", "camunda-admin");
  /** Source levels above the county: the petition was first taken there (越级). */
  static final Set<String> ABOVE_COUNTY = Set.of("PREFECTURE", "PROVINCE", "CENTRAL");
  /** A petitioner with at least this many cases is an 老户. */
  static final int LONG_STANDING = 2;

  private final Caller caller;
  private final PetitionLedger ledger;
  private final ClosureLedger closure;

  PetitionerProfiles(Caller caller, PetitionLedger ledger, ClosureLedger closure) {
    this.caller = caller;
    this.ledger = ledger;
    this.closure = closure;
  }

  /** Whether the caller may open the profile of this case's petitioner (for the case file's link). */
  public boolean mayOpen(Petition p) {
    return caller.inAnyGroup(VIEWERS) && (!p.confidential() || office())
        && closure.closure(p.caseNumber()).map(ClosureLedger.Closure::petitionerKey).isPresent();
  }

  private boolean office() {
    return caller.groups().contains(OrganizationDirectory.PETITION_OFFICE);
  }

  /** The profile of the petitioner of the given case; 404 when there is none or the caller may not see it. */
  public Map<String, Object> ofCase(String caseNumber) {
    NotFoundException none = new NotFoundException("没有编号为 " + caseNumber + " 的信访件的信访人档案，或您无权查看");
    Petition anchor = ledger.find(caseNumber).orElseThrow(() -> none);
    if (!caller.inAnyGroup(VIEWERS) || (anchor.confidential() && !office())) {
      throw none;
    }
    String key = closure.closure(caseNumber).map(ClosureLedger.Closure::petitionerKey)
        .orElseThrow(() -> new NotFoundException("信访件 " + caseNumber + " 是匿名信访，无法建立信访人档案"));
    List<ClosureLedger.ProfileCase> cases = closure.casesOf(key, office());
    if (cases.isEmpty()) {
      throw none;
    }
    Map<String, Object> profile = new LinkedHashMap<>();
    ClosureLedger.ProfileCase latest = cases.get(0);
    // confidential cases reach the office only, which knows the reporter: the name need not be masked here
    profile.put("petitionerName", latest.petitionerName());
    profile.put("fromCase", caseNumber);
    long overLevel = cases.stream().filter(c -> ABOVE_COUNTY.contains(c.sourceLevel())).count();
    profile.put("caseCount", cases.size());
    profile.put("longStanding", cases.size() >= LONG_STANDING);
    profile.put("overLevelCount", overLevel);
    profile.put("repeatPetitionCount", cases.stream().filter(c -> c.repeatOfCaseNumber() != null).count());
    profile.put("repeatVisitCount", cases.stream().mapToInt(ClosureLedger.ProfileCase::repeatVisits).sum());
    profile.put("finalCount", cases.stream().filter(c -> c.finalAt() != null).count());
    profile.put("openCount", cases.stream().filter(c -> c.status().isOpen()).count());
    profile.put("truncated", cases.size() >= ClosureLedger.MAX_CASES);
    profile.put("cases", cases.stream().map(c -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("caseNumber", c.caseNumber());
      row.put("subject", c.subject());
      row.put("categoryLabel", label(Vocabulary.Category.class, c.category()));
      row.put("channelLabel", label(Vocabulary.Channel.class, c.channel()));
      row.put("sourceLevelLabel", label(Vocabulary.SourceLevel.class, c.sourceLevel()));
      row.put("overLevel", ABOVE_COUNTY.contains(c.sourceLevel()));
      row.put("statusLabel", c.finalAt() != null ? "已终结" : c.status().label());
      row.put("registeredAt", c.registeredAt());
      row.put("finalAt", c.finalAt());
      row.put("repeatOf", c.repeatOfCaseNumber());
      row.put("repeatVisits", c.repeatVisits());
      row.put("confidential", c.confidential());
      return row;
    }).toList());
    return profile;
  }

  static <E extends Enum<E> & Vocabulary.Labelled> String label(Class<E> type, String code) {
    return Vocabulary.parse(type, code).map(Vocabulary.Labelled::label).orElse(code);
  }

}
