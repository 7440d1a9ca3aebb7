package cn.xinfang.flow.system;

import static org.assertj.core.api.Assertions.assertThat;

import cn.xinfang.flow.XinfangFlowApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node killed with {@code kill -9} (SIGKILL: no shutdown hook, no flush) while clerks register
 * petitions loses none that was answered 201, and after the restart no case number is handed out a
 * second time. The service runs in a child JVM, as in production, on the embedded H2 default (the
 * database dies with the node) and on PostgreSQL (the database outlives the node).
 */
class KillNineTest {

  static final String ADMIN_PASSWORD = "Kill-Nine-Test-Admin-2026";
  /** Registrations answered before the kill; enough for the last commits to be in flight when it comes. */
  static final int ANSWERED_BEFORE_KILL = 40;
  static final int CLERKS = 4;

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  final ObjectMapper json = new ObjectMapper();
  final List<Process> children = new ArrayList<>();
  static final AtomicInteger PHONE = new AtomicInteger();

  @AfterEach
  void killLeftovers() {
    children.forEach(Process::destroyForcibly);
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldKeepEveryAnsweredRegistrationOnTheH2DefaultAfterKillNine() throws Exception {
    Path dataDir = Files.createDirectories(Path.of("target", "kill-nine", "h2-" + System.currentTimeMillis()));
    List<String> args = List.of("--xinfang.data-dir=" + dataDir.toAbsolutePath());
    survive(args, Map.of(), dataDir);
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void shouldKeepEveryAnsweredRegistrationOnPostgresAfterKillNine() throws Exception {
    Path dataDir = Files.createDirectories(Path.of("target", "kill-nine", "pg-" + System.currentTimeMillis()));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      Map<String, String> env = Map.of("POSTGRES_URL", postgres.getJdbcUrl("postgres", "postgres"),
          "POSTGRES_USER", "postgres", "POSTGRES_PASSWORD", "postgres", "XINFANG_DEMO_USERS", "true",
          "XINFANG_ADMIN_PASSWORD", ADMIN_PASSWORD, "SPRING_PROFILES_ACTIVE", "postgres");
      int port = survive(List.of("--xinfang.data-dir=" + dataDir.toAbsolutePath()), env, dataDir);

      // PostgreSQL cannot store NUL: refused as input naming the field, before anything is written
      org.springframework.jdbc.core.JdbcTemplate jdbc =
          new org.springframework.jdbc.core.JdbcTemplate(postgres.getPostgresDatabase());
      int before = jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition", Integer.class);
      HttpResponse<String> nul = register(port, "欠薪\u0000");
      assertThat(nul.statusCode()).as(nul.body()).isEqualTo(400);
      assertThat(json.readTree(nul.body()).path("errors").get(0).path("field").asText()).isEqualTo("subject");
      assertThat(nul.body()).contains("空字符");
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM xf_petition", Integer.class)).isEqualTo(before);
    }
  }

  /** @return the port of the restarted node, still running */
  private int survive(List<String> args, Map<String, String> env, Path dataDir) throws Exception {
    int port = freePort();
    Process node = start("first", port, args, env, dataDir);
    Map<String, String> answered = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> clerks = new ArrayList<>();
    for (int c = 0; c < CLERKS; c++) {
      int clerk = c;
      Thread t = new Thread(() -> {
        for (int i = 0; !stop.get(); i++) {
          String subject = "断电测试 " + clerk + "-" + i;
          try {
            HttpResponse<String> r = register(port, subject);
            if (r.statusCode() == 201) {
              answered.put(json.readTree(r.body()).path("caseNumber").asText(), subject);
            }
          } catch (IOException e) {
            return; // the node is gone
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      });
      t.start();
      clerks.add(t);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (answered.size() < ANSWERED_BEFORE_KILL && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    // SIGKILL in the middle of the clerks' work: requests are on the wire and commits in flight
    node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    stop.set(true);
    for (Thread t : clerks) {
      t.join(30_000);
    }
    assertThat(answered.size()).as("registrations answered before the kill").isGreaterThanOrEqualTo(ANSWERED_BEFORE_KILL);

    start("restarted", port, args, env, dataDir);
    List<String> lost = new ArrayList<>();
    for (Map.Entry<String, String> a : answered.entrySet()) {
      HttpResponse<String> shown = get(port, "/api/petitions/" + a.getKey());
      if (shown.statusCode() != 200 || !a.getValue().equals(json.readTree(shown.body()).path("subject").asText())) {
        lost.add(a.getKey() + " (" + a.getValue() + "): " + shown.statusCode() + " " + shown.body());
      }
    }
    assertThat(lost).as("answered 201 before the kill, missing or changed after the restart").isEmpty();

    Set<String> afterRestart = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = register(port, "重启后登记 " + i);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      String number = json.readTree(r.body()).path("caseNumber").asText();
      assertThat(answered).as("a number answered before the kill is never handed out again").doesNotContainKey(number);
      JsonNode shown = json.readTree(get(port, "/api/petitions/" + number).body());
      assertThat(shown.path("subject").asText()).isEqualTo("重启后登记 " + i);
      afterRestart.add(number);
    }
    assertThat(afterRestart).hasSize(5);
    // and the earlier cases still carry their own subjects after the new ones were numbered
    for (Map.Entry<String, String> a : answered.entrySet()) {
      assertThat(json.readTree(get(port, "/api/petitions/" + a.getKey()).body()).path("subject").asText())
          .isEqualTo(a.getValue());
    }
    return port;
  }

  // ------------------------------------------------------------------ the child node

  private Process start(String name, int port, List<String> args, Map<String, String> env, Path dataDir) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath(),
        XinfangFlowApplication.class.getName(), "--server.port=" + port, "--spring.jmx.enabled=false",
        "--camunda.bpm.job-execution.enabled=false", "--logging.level.root=WARN", "--logging.level.cn.xinfang.flow=INFO"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(new File(dataDir.toFile(), name + ".log"));
    builder.environment().putAll(env);
    Process process = builder.start();
    children.add(process);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("node " + name + " stopped: " + Files.readString(dataDir.resolve(name + ".log")));
      }
      try {
        // ready when a demo clerk can log in and the API answers
        if (get(port, "/api/calendar/years").statusCode() == 200) {
          return process;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new AssertionError("node " + name + " did not start in time: " + Files.readString(dataDir.resolve(name + ".log")));
  }

  /**
   * This JVM's class path, each entry once: Surefire may list a folder twice, and the engine would
   * then find every diagram twice and refuse the deployment.
   */
  static String classPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.isBlank()).map(e -> Path.of(e).toAbsolutePath().normalize().toString()).distinct()
        .collect(java.util.stream.Collectors.joining(File.pathSeparator));
  }

  private HttpResponse<String> register(int port, String subject) throws IOException, InterruptedException {
    String body = json.writeValueAsString(Map.of("channel", "VISIT", "category", "LABOR", "subject", subject,
        "content", "某公司拖欠工资", "realName", true, "headcount", 1, "sourceLevel", "SELF",
        "petitionerName", "吴九", "petitionerPhone", "136%08d".formatted(PHONE.incrementAndGet())));
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/petitions"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
        .header("Authorization", basic("reception1:demo")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", basic("office1:demo")).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
