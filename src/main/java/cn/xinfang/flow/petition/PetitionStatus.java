package cn.xinfang.flow.petition;

/** Where a case stands in the ledger. OPEN and REPLIED are still open: a repeat visit escalates them. */
public enum PetitionStatus {
  OPEN("办理中"),
  REPLIED("已答复"),
  FORWARDED("已转送"),
  REJECTED("不予受理"),
  LINKED("已并入在办件"),
  ARCHIVED("已归档");

  private final String label;

  PetitionStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean isOpen() {
    return this == OPEN || this == REPLIED;
  }
}
