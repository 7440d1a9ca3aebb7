import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;

/**
 * The two decision tables a registration evaluates (分办建议, 重大事项研判), decided with Camunda's own FEEL engine and
 * with the one of this service that parses each text once (system.ParsedFeel), in alternating rounds in one JVM:
 * microseconds per registration for each, and the ratio. Run by bench/feel.sh (classes from the service's jar).
 */
public class FeelBench {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    DmnEngine stock = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    Class<?> type = Class.forName("cn.xinfang.flow.system.ParsedFeel$Engine");
    Constructor<?> constructor = type.getDeclaredConstructor(List.class);
    constructor.setAccessible(true);
    FeelEngine parsedOnce = (FeelEngine) constructor.newInstance(List.of());
    DefaultDmnEngineConfiguration configuration =
        (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    configuration.setFeelEngineFactory(() -> parsedOnce);
    DmnEngine ours = configuration.buildEngine();

    List<DmnDecision[]> decisions = new ArrayList<>();
    for (DmnEngine engine : List.of(stock, ours)) {
      decisions.add(new DmnDecision[] {
          parse(engine, "processes/petition-handling-unit.dmn", "petition-handling-unit"),
          parse(engine, "processes/petition-major-case.dmn", "petition-major-case")});
    }
    // registrations as the bench's clients send them: the categories and levels in turn
    String[] categories = {"LABOR", "LAND", "HEALTH", "URBAN", "PERSONNEL", "OTHER", "LITIGATION"};
    String[] levels = {"SELF", "COUNTY", "PREFECTURE"};
    double[] total = new double[2];
    System.out.printf("%-6s %28s %28s %8s%n", "round", "Camunda's FEEL µs/registration", "parsed once µs/registration",
        "ratio");
    for (int round = 0; round <= rounds; round++) {
      double[] micros = new double[2];
      for (int side = 0; side < 2; side++) {
        DmnEngine engine = side == 0 ? stock : ours;
        DmnDecision[] pair = decisions.get(side);
        long start = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          engine.evaluateDecisionTable(pair[0], Map.of("category", categories[i % categories.length]))
              .getSingleEntry();
          engine.evaluateDecisionTable(pair[1], Map.of("headcount", i % 7, "sourceLevel", levels[i % levels.length],
              "repeatPetition", i % 5 == 0)).getSingleEntry();
        }
        micros[side] = (System.nanoTime() - start) / 1_000.0 / perRound;
      }
      if (round == 0) {
        System.out.printf("%-6s %28.1f %28.1f %8.2f   (warm-up, not counted)%n", "0", micros[0], micros[1],
            micros[1] / micros[0]);
        continue;
      }
      total[0] += micros[0];
      total[1] += micros[1];
      System.out.printf("%-6d %28.1f %28.1f %8.2f%n", round, micros[0], micros[1], micros[1] / micros[0]);
    }
    System.out.printf("%-6s %28.1f %28.1f %8.2f%n", "mean", total[0] / rounds, total[1] / rounds, total[1] / total[0]);
  }

  private static DmnDecision parse(DmnEngine engine, String file, String id) throws Exception {
    try (InputStream in = new FileInputStream(file)) {
      return engine.parseDecision(id, in);
    }
  }
}
