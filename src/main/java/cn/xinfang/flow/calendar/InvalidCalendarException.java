package cn.xinfang.flow.calendar;

import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import java.util.List;

/** A holiday file that cannot be used; every problem is listed, nothing of it is stored. */
public class InvalidCalendarException extends InvalidInputException {
  public InvalidCalendarException(List<String> problems) {
    super("节假日数据有误，未保存，原数据继续有效", problems.stream().map(p -> new FieldProblem("holidays", p)).toList());
  }
}
