package cn.xinfang.flow.petition;

import cn.xinfang.flow.system.StartupTask;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Creates this year's and next year's number sequences at start, so that a registration never has to
 * create one (which needs a second connection) — not even the first one after New Year's midnight.
 */
@Component
class NumberSequences implements StartupTask {

  /**
   * Every prefix {@link CaseNumberAllocator} is asked for: cases, joint cases, and the documents
   * (documents/DocumentStore.Kind: 登记回执 DJ, 受理 SL, 不予受理 BSL, 转送 ZS, 处理意见 YJ, 复查 FC, 复核 FH,
   * 转办函 ZB, 督办函 DB). A document is issued inside a task's completion: its sequence must exist already.
   */
  static final List<String> KINDS = List.of(CaseNumberAllocator.CASE, "LC", "ZB", "DB", "DJ", "SL", "BSL", "ZS",
      "YJ", "FC", "FH", "HX", "CH", "ZC", "LJ", "CB");

  private final CaseNumberAllocator allocator;

  NumberSequences(CaseNumberAllocator allocator) {
    this.allocator = allocator;
  }

  @Override
  public int order() {
    return 5;
  }

  @Override
  public String description() {
    return "Number sequences";
  }

  @Override
  public void load() {
    int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
    for (String kind : KINDS) {
      allocator.ensureSequence(kind, year);
      allocator.ensureSequence(kind, year + 1);
    }
  }
}
