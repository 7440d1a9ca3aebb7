package cn.xinfang.flow.joint;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 提请联查: a referral overdue without justification meets criterion 5 and goes to the joint office. */
@Component("proposeJointFromReferral")
class ProposeJointFromReferralDelegate implements JavaDelegate {

  private final JointProposals proposals;

  ProposeJointFromReferralDelegate(JointProposals proposals) {
    this.proposals = proposals;
  }

  @Override
  public void execute(DelegateExecution execution) {
    proposals.proposeFromReferral(execution);
  }
}
