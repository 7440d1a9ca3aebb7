package cn.xinfang.flow.admin;

import cn.xinfang.flow.system.FieldProblem;
import cn.xinfang.flow.system.InvalidInputException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A deployment that breaks the rules of {@link FlowRules}: refused whole. Being an
 * InvalidInputException (a BadUserRequestException), {@code /engine-rest} and our {@code /api} answer
 * 400; the message is the list an administrator fixes the files by, and Camunda Modeler shows it.
 */
public class DeploymentRefused extends InvalidInputException {

  private final transient List<FlowRules.Finding> findings;

  public DeploymentRefused(List<FlowRules.Finding> findings) {
    super("部署被拒绝", findings.stream().map(f -> new FieldProblem(f.elementId(), f.line())).toList());
    this.findings = List.copyOf(findings);
  }

  public List<FlowRules.Finding> findings() {
    return findings;
  }

  @Override
  public String getMessage() {
    return "部署被拒绝，未部署任何文件。请修改以下 " + findings.size() + " 处后重新部署：\n"
        + findings.stream().map(f -> "- " + f.line()).collect(Collectors.joining("\n"));
  }
}
