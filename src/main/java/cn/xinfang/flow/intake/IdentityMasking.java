package cn.xinfang.flow.intake;

/**
 * How a petitioner's identity appears in process variables, which every task assignee can read.
 * The ledger keeps the real values; showing them is a separate, authorized and audited action.
 */
public final class IdentityMasking {

  private IdentityMasking() {}

  /** 王小明 → 王**; keeps the surname so a clerk can still address the petitioner politely. */
  public static String name(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String n = name.strip();
    return n.charAt(0) + "*".repeat(Math.max(1, n.codePointCount(0, n.length()) - 1));
  }

  /** 13812345678 → 138****5678 */
  public static String phone(String phone) {
    if (phone == null || phone.length() < 7) {
      return phone == null ? null : "****";
    }
    return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
  }

  /** 330102199001011234 → 3301**********1234 */
  public static String idNumber(String id) {
    if (id == null || id.length() < 8) {
      return id == null ? null : "****";
    }
    return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
  }

  /** A discipline reporter's address never leaves the ledger. */
  public static String confidentialAddress(String address) {
    return address == null ? null : "（保密）";
  }
}
