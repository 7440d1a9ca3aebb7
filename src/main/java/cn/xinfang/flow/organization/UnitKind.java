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
  TOWNSHIP;

  boolean handlesCases() {
    return this == DEPARTMENT || this == TOWNSHIP;
  }
}
