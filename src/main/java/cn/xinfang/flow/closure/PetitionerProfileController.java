package cn.xinfang.flow.closure;

import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code /petitioners/by-case/{caseNumber}}: the profile of that case's petitioner, a static page of the
 * case file's style that reads {@code GET /api/petitioners/by-case/{caseNumber}} (authorization there).
 */
@Controller
class PetitionerProfileController {

  private final PetitionerProfiles profiles;

  PetitionerProfileController(PetitionerProfiles profiles) {
    this.profiles = profiles;
  }

  @GetMapping("/petitioners/by-case/{caseNumber}")
  String page() {
    return "forward:/casefile/petitioner.html";
  }

  @GetMapping("/api/petitioners/by-case/{caseNumber}")
  @ResponseBody
  Map<String, Object> profile(@PathVariable String caseNumber) {
    return profiles.ofCase(caseNumber);
  }
}
