package cn.xinfang.flow.intake;

import static cn.xinfang.flow.intake.IntakeProcess.Var.*;

import java.util.HashMap;
import java.util.Map;

/**
 * A petition as registered, from the Tasklist start form or {@code POST /api/petitions}: the
 * contract's variable names, unchecked. {@link RegistrationValidator} says what is wrong with it.
 */
public record PetitionRegistration(
    Object channel,
    Object category,
    Object subject,
    Object content,
    Object realName,
    Object headcount,
    Object sourceLevel,
    Object petitionerName,
    Object petitionerPhone,
    Object petitionerIdNumber,
    Object petitionerAddress,
    Object relatedCaseNumber,
    Object receivedBy) {

  /** Field names as the API and forms use them, for the problem list. */
  static final String RECEIVED_BY = "receivedBy";

  static PetitionRegistration fromVariables(Map<String, Object> v) {
    return new PetitionRegistration(v.get(CHANNEL), v.get(CATEGORY), v.get(SUBJECT), v.get(CONTENT), v.get(REAL_NAME),
        v.get(HEADCOUNT), v.get(SOURCE_LEVEL), v.get(PETITIONER_NAME), v.get(PETITIONER_PHONE),
        v.get(PETITIONER_ID_NUMBER), v.get(PETITIONER_ADDRESS), v.get(RELATED_CASE_NUMBER), v.get(RECEIVED_BY));
  }

  /** The start variables of petition-intake; blank optional fields are left out. */
  Map<String, Object> toVariables() {
    Map<String, Object> v = new HashMap<>();
    put(v, CHANNEL, channel);
    put(v, CATEGORY, category);
    put(v, SUBJECT, subject);
    put(v, CONTENT, content);
    put(v, REAL_NAME, realName);
    put(v, HEADCOUNT, headcount);
    put(v, SOURCE_LEVEL, sourceLevel);
    put(v, PETITIONER_NAME, petitionerName);
    put(v, PETITIONER_PHONE, petitionerPhone);
    put(v, PETITIONER_ID_NUMBER, petitionerIdNumber);
    put(v, PETITIONER_ADDRESS, petitionerAddress);
    put(v, RELATED_CASE_NUMBER, relatedCaseNumber);
    put(v, RECEIVED_BY, receivedBy);
    return v;
  }

  private static void put(Map<String, Object> v, String name, Object value) {
    if (value != null && !(value instanceof String s && s.isBlank())) {
      v.put(name, value instanceof String s ? s.strip() : value);
    }
  }
}
