package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.XinfangFlowApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two nodes with their job executors on, on one PostgreSQL database: a storm of acceptance deadlines falling due at
 * the same instant escalates every case exactly once — one pass of the overdue timer, one journal entry, one
 * supervision task per case — with the journal step now inside the timer's own job (issue 12: no asyncBefore after
 * the escalation timers) and registrations made on both nodes at once.
 */
class TwoNodesEscalationTest {

  static final int CASES = 40;

  @Test
  void shouldEscalateEveryCaseExactlyOnceWhenTwoNodesRunTheStorm() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      List<ConfigurableApplicationContext> nodes = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          nodes.add(new SpringApplicationBuilder(XinfangFlowApplication.class).profiles("postgres")
              .run("--server.port=0", "--spring.jmx.enabled=false", "--xinfang.organization.demo-users=true",
                  "--POSTGRES_URL=" + url, "--POSTGRES_USER=postgres", "--POSTGRES_PASSWORD=postgres",
                  "--POSTGRES_POOL_SIZE=8", "--XINFANG_ADMIN_PASSWORD=two-nodes-admin-2026",
                  "--camunda.bpm.job-execution.max-wait=1000"));
        }
        List<Integer> ports = nodes.stream()
            .map(n -> ((WebServerApplicationContext) n).getWebServer().getPort()).toList();

        // registrations on both nodes at once
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
          int n = i;
          answers.add(clients.submit(() -> register(ports.get(n % 2), n)));
        }
        for (Future<Integer> answer : answers) {
          assertThat(answer.get()).isEqualTo(201);
        }
        clients.shutdown();

        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(url, "postgres", "postgres", true));
        int timers = jdbc.update("UPDATE act_ru_job SET duedate_ = now() - interval '1 second' "
            + "WHERE handler_cfg_ = 'timer_acceptance_overdue' AND handler_type_ = 'timer-transition'");
        assertThat(timers).isEqualTo(CASES);

        long until = System.currentTimeMillis() + 180_000;
        while (overdueEvents(jdbc) < CASES && System.currentTimeMillis() < until) {
          Thread.sleep(500);
        }
        Thread.sleep(3_000); // a second run of any timer would show by now

        assertThat(overdueEvents(jdbc)).as("journal entries 逾期").isEqualTo(CASES);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT case_number) FROM xf_petition_event "
            + "WHERE event_type = 'OVERDUE'", Integer.class)).isEqualTo(CASES);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_hi_actinst "
            + "WHERE act_id_ = 'timer_acceptance_overdue'", Integer.class)).as("passes of the overdue timer")
            .isEqualTo(CASES);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_hi_actinst "
            + "WHERE act_id_ = 'service_record_acceptance_overdue'", Integer.class)).as("journal steps")
            .isEqualTo(CASES);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_hi_taskinst "
            + "WHERE task_def_key_ = 'task_supervise_acceptance'", Integer.class)).as("supervision tasks")
            .isEqualTo(CASES);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT proc_inst_id_) FROM act_ru_task "
            + "WHERE task_def_key_ = 'task_supervise_acceptance'", Integer.class)).isEqualTo(CASES);
        // nothing failed and nothing is left to run for these timers
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_job WHERE exception_msg_ IS NOT NULL",
            Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM act_ru_job "
            + "WHERE handler_cfg_ = 'timer_acceptance_overdue'", Integer.class)).isZero();
      } finally {
        nodes.forEach(ConfigurableApplicationContext::close);
      }
    }
  }

  private static int overdueEvents(JdbcTemplate jdbc) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition_event WHERE event_type = 'OVERDUE'", Integer.class);
  }

  private static int register(int port, int n) throws Exception {
    String body = "{\"channel\":\"ONLINE\",\"category\":\"LABOR\",\"subject\":\"两节点逾期" + n + "\","
        + "\"content\":\"某公司拖欠工资\",\"realName\":true,\"headcount\":1,\"sourceLevel\":\"SELF\","
        + "\"petitionerName\":\"节点" + n + "\",\"petitionerPhone\":\"1390000" + String.format("%04d", n) + "\"}";
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/api/petitions")).header("Content-Type", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("reception1:demo".getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
