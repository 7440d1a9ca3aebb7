package cn.xinfang.flow.notification;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Notices by e-mail to every member of the recipient group (or the one recipient) who has an address.
 * On when {@code spring.mail.host} is set and {@code xinfang.notify.mail.from} names the sender. The
 * notice key becomes the message's id, so a mail server or client can drop a duplicate.
 */
@Component
class MailChannel implements NotificationChannel {

  private final ObjectProvider<JavaMailSender> sender;
  private final String from;

  MailChannel(ObjectProvider<JavaMailSender> sender, @Value("${xinfang.notify.mail.from:}") String from) {
    this.sender = sender;
    this.from = from;
  }

  @Override
  public String name() {
    return "MAIL";
  }

  @Override
  public boolean enabled() {
    return !from.isBlank() && sender.getIfAvailable() != null;
  }

  @Override
  public String deliver(Notice notice, List<Recipient> recipients) throws Exception {
    List<String> to = recipients.stream().map(Recipient::email).filter(Objects::nonNull)
        .filter(e -> e.contains("@") && !e.endsWith("@xinfang.local")).distinct().toList();
    if (to.isEmpty()) {
      return "（无收件地址）";
    }
    JavaMailSender mail = sender.getObject();
    MimeMessage message = mail.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
    helper.setFrom(from);
    helper.setTo(from);
    helper.setBcc(to.toArray(String[]::new)); // colleagues' addresses are not shown to each other
    helper.setSubject("【信访流程】" + NotificationService.kindLabel(notice.kind())
        + (notice.caseNumber() == null ? "" : " " + notice.caseNumber()));
    helper.setText(notice.message() + "\n\n——信访流程（本邮件由系统发送，请勿回复）");
    message.saveChanges();
    message.setHeader("Message-ID", "<" + notice.key().replaceAll("[^A-Za-z0-9._-]", "_") + "@xinfang-flow>");
    mail.send(message);
    return String.join(",", to);
  }
}
