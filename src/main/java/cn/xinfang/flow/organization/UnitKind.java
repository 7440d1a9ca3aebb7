package cn.xinfang.flow.organization;

/** What a group of the organization is; decides the permissions its members get. */
public enum UnitKind {
  /** reception window and petition office of the bureau */
  OFFICE,
  LEADERSHIP,
  SUPERVISION,
  JOINT_OFFICE,
  JOINT_GROUP,
  /** a county department that handles assigned cases */
  DEPARTMENT,
  /** a township that handles assigned cases */
  TOWNSHIP,
  /** the next higher body's office that decides 复查 (条例 第35条), e.g. the county government's */
  UPPER_REVIEW,
  /** the body above that decides 复核 (条例 第36条), e.g. the city's */
  UPPER_REREVIEW,
  /**
   * the discipline commission's petition office, leaders and case group (纪委信访室、纪委领导、核查组): they
   * work discipline leads (process discipline-lead) and see only those
   */
  DISCIPLINE;

  boolean handlesCases() {
    return this == DEPARTMENT || this == TOWNSHIP;
  }
}
