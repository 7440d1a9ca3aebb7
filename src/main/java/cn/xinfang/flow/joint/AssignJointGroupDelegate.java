package cn.xinfang.flow.joint;

import static cn.xinfang.flow.joint.JointProcess.Var.*;

import cn.xinfang.flow.organization.OrganizationDirectory;
import cn.xinfang.flow.organization.OrganizationDirectory.OrgUnit;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 交叉调查: an approved case goes to a joint group whose home area is not the case's area (回避), the
 * least loaded of those; if none may take it, {@code jointGroup} stays empty and the joint office decides.
 */
@Component("assignJointGroup")
class AssignJointGroupDelegate implements JavaDelegate {

  private final OrganizationDirectory organization;
  private final JointLedger joint;

  AssignJointGroupDelegate(OrganizationDirectory organization, JointLedger joint) {
    this.organization = organization;
    this.joint = joint;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String area = (String) execution.getVariable(AREA_CODE);
    String jointNumber = (String) execution.getVariable(JOINT_NUMBER);
    joint.approve(jointNumber);
    List<OrgUnit> eligible = organization.jointGroups().stream().filter(g -> !area.equals(g.areaCode())).toList();
    OrgUnit chosen = eligible.stream()
        .min(Comparator.comparingInt((OrgUnit g) -> joint.load(g.groupId())).thenComparing(OrgUnit::groupId))
        .orElse(null);
    if (chosen == null) {
      execution.setVariable(GROUP, null);
      execution.setVariable(ASSIGNMENT_NOTE, "事发地 " + organization.areaName(area) + " 是所有联查组的片区，需由联查办指定");
      return;
    }
    execution.setVariable(GROUP, chosen.groupId());
    joint.assign(jointNumber, chosen.groupId());
  }
}
