package cn.xinfang.flow.petition;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out numbers {@code <PREFIX>-<year>-<6 digits>}: case numbers (XF), joint cases (LC), referral
 * letters (ZB), urging letters (DB). One database SEQUENCE per kind and year ({@code xf_seq_xf_2026}).
 *
 * <p>Why a sequence and not a counter row: a counter row bumped in the registration's transaction stays
 * locked until the whole engine transaction commits, so registrations ran one at a time on every node
 * (issue 12). {@code nextval} (PostgreSQL) and {@code NEXT VALUE FOR} (H2) take no row lock and are never
 * rolled back: concurrent registrations each get their own number at once, across nodes.
 *
 * <p>The price, allowed by the contract (DESIGN.md: gap-tolerant, never reused, never shared): a
 * registration that fails after taking its number leaves a gap. Numbers are never reused because a
 * sequence never hands out a value twice, rollback or not.
 *
 * <p>A year's sequence is created the first time it is needed, in a short transaction of its own (DDL
 * commits on H2), starting after the old counter row of that kind and year so numbers continue where
 * the counter stopped. {@link NumberSequences} creates this year's and next year's at start, so the
 * registration path normally never needs that second connection.
 */
@Component
public class CaseNumberAllocator {

  private static final Logger LOG = LoggerFactory.getLogger(CaseNumberAllocator.class);
  public static final String CASE = "XF";
  private static final Pattern KIND = Pattern.compile("[A-Z]{2,4}");

  private final JdbcTemplate jdbc;
  private final DataSource dataSource;
  private final TransactionTemplate ownTransaction;
  private final Set<String> knownSequences = ConcurrentHashMap.newKeySet();
  private final DatabaseKind database;

  CaseNumberAllocator(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions,
      DatabaseKind database) {
    this.jdbc = jdbc;
    this.database = database;
    this.dataSource = dataSource;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public String next(LocalDate today) {
    return next(CASE, today);
  }

  public String next(String kind, LocalDate today) {
    int year = today.getYear();
    String sequence = ensureSequence(kind, year);
    Long number = jdbc.queryForObject(
        database.isPostgres() ? "SELECT nextval('" + sequence + "')" : "SELECT NEXT VALUE FOR " + sequence, Long.class);
    if (number == null || number > 999_999) {
      throw new IllegalStateException("编号已用尽（" + kind + " " + year + " 年超过 999999 号）");
    }
    return String.format("%s-%d-%06d", kind, year, number);
  }

  /** Creates the kind's sequence of the year unless it exists; safe on several nodes at once. */
  public String ensureSequence(String kind, int year) {
    if (!KIND.matcher(kind).matches() || year < 2000 || year > 9999) {
      // the name goes into SQL: only the fixed prefixes and real years
      throw new IllegalArgumentException("编号种类或年份无效：" + kind + " " + year);
    }
    String sequence = ("xf_seq_" + kind + "_" + year).toLowerCase(Locale.ROOT);
    if (knownSequences.contains(sequence)) {
      return sequence;
    }
    synchronized (this) {
      if (!knownSequences.contains(sequence)) {
        if (!exists(jdbc, sequence)) {
          ownTransaction.executeWithoutResult(status -> create(kind, year, sequence));
        }
        knownSequences.add(sequence);
      }
    }
    return sequence;
  }

  private void create(String kind, int year, String sequence) {
    // numbers continue after the counter row the earlier versions kept (V3): no number is handed out twice
    Long last = jdbc.queryForObject("SELECT COALESCE(MAX(last_number), 0) FROM xf_number_counter "
        + "WHERE kind = ? AND counter_year = ?", Long.class, kind, year);
    long start = (last == null ? 0 : last) + 1;
    try {
      jdbc.execute("CREATE SEQUENCE IF NOT EXISTS " + sequence + " START WITH " + start);
      LOG.info("Number sequence {} created, first number {}", sequence, start);
    } catch (RuntimeException raced) {
      // PostgreSQL may report a concurrent CREATE ... IF NOT EXISTS as a unique violation: it exists now
      if (!exists(new JdbcTemplate(dataSource), sequence)) {
        throw raced;
      }
    }
  }

  private static boolean exists(JdbcTemplate jdbc, String sequence) {
    Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.sequences "
        + "WHERE LOWER(sequence_name) = ? AND sequence_schema = CURRENT_SCHEMA", Integer.class, sequence);
    return found != null && found > 0;
  }
}
