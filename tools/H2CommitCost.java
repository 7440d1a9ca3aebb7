import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * What a durable commit costs in H2 alone: COUNT small transactions (one row each, as a counter
 * update and an insert) on a fresh file database, with the URL options given.
 *   java -cp ~/.m2/repository/com/h2database/h2/2.3.232/h2-2.3.232.jar tools/H2CommitCost.java ";WRITE_DELAY=0" 3000
 */
public class H2CommitCost {
  public static void main(String[] args) throws Exception {
    String options = args.length > 0 ? args[0] : "";
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
    Path dir = Files.createTempDirectory("h2-commit-cost");
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db") + options, "sa", "")) {
      c.createStatement().execute("CREATE TABLE counter (id INT PRIMARY KEY, next BIGINT)");
      c.createStatement().execute("CREATE TABLE petition (n BIGINT PRIMARY KEY, subject VARCHAR(400))");
      c.createStatement().execute("INSERT INTO counter VALUES (1, 0)");
      c.setAutoCommit(false);
      PreparedStatement next = c.prepareStatement("UPDATE counter SET next = next + 1 WHERE id = 1");
      PreparedStatement insert = c.prepareStatement("INSERT INTO petition VALUES (?, ?)");
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        next.executeUpdate();
        insert.setLong(1, i);
        insert.setString(2, "测速登记 " + i);
        insert.executeUpdate();
        c.commit();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%s: %d commits in %.2f s = %.0f commits/s (%.2f ms each)%n",
          options.isEmpty() ? "H2 default" : options, count, seconds, count / seconds, seconds * 1000 / count);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
