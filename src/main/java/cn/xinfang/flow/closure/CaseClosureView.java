package cn.xinfang.flow.closure;

import cn.xinfang.flow.petition.Petition;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What the case file (卷宗) shows of this feature: when and why the case became final, the earlier case
 * it repeats, its evaluation (满意度, with 不满意 flagged for the office) and the link to the petitioner's
 * profile for those who may open it.
 */
@Component
public class CaseClosureView {

  private final ClosureLedger closure;
  private final Evaluations evaluations;
  private final PetitionerProfiles profiles;

  CaseClosureView(ClosureLedger closure, Evaluations evaluations, PetitionerProfiles profiles) {
    this.closure = closure;
    this.evaluations = evaluations;
    this.profiles = profiles;
  }

  /** Entries for the case file's JSON; the caller may read the case already. */
  public Map<String, Object> forCase(Petition p, boolean oversight) {
    Map<String, Object> view = new HashMap<>();
    ClosureLedger.Closure c = closure.closure(p.caseNumber()).orElseThrow();
    view.put("finalAt", c.finalAt());
    view.put("finalBasisLabel", c.finalBasisLabel());
    if (c.repeatOfCaseNumber() != null) {
      Map<String, Object> repeat = new LinkedHashMap<>();
      repeat.put("caseNumber", c.repeatOfCaseNumber());
      repeat.put("final", c.repeatOfFinal());
      repeat.put("label", "疑似重复信访：" + c.repeatOfCaseNumber() + (c.repeatOfFinal() ? "（已终结，不再受理）" : "（已办结，照常受理）"));
      view.put("repeatOf", repeat);
    } else {
      view.put("repeatOf", null);
    }
    view.put("evaluation", evaluations.find(p.caseNumber()).map(e -> {
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("result", e.result());
      ev.put("resultLabel", e.resultLabel());
      ev.put("sourceLabel", e.sourceLabel());
      ev.put("comment", e.comment());
      ev.put("recordedAt", e.recordedAt());
      ev.put("unsatisfied", EvaluationResult.UNSATISFIED.name().equals(e.result()));
      return ev;
    }).orElse(null));
    view.put("petitionerProfileHref", oversight && profiles.mayOpen(p) ? "/petitioners/by-case/" + p.caseNumber() : null);
    return view;
  }
}
