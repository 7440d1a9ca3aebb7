package cn.xinfang.flow.reception;

import cn.xinfang.flow.petition.InsertIfAbsent;
import cn.xinfang.flow.petition.PetitionLedger;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The published reception schedule (领导接访日 / 联合接访) and the visits received in it. A slot's first
 * leader is the receiving leader (主接访领导): the case registered in the slot is theirs to own.
 */
@Repository
public class ReceptionLedger {

  public record Slot(long id, LocalDate date, LocalTime start, LocalTime end, String place, String topics, String kind,
      String status, List<String> leaders, List<String> units, String publishedBy, Instant publishedAt) {

    public String receivingLeader() {
      return leaders.get(0);
    }

    public boolean joint() {
      return "JOINT".equals(kind);
    }
  }

  public record LeaderMonth(String leader, int visits, int owned, int resolved) {}

  static final java.time.ZoneId CHINA = java.time.ZoneId.of("Asia/Shanghai");

  private final JdbcTemplate jdbc;
  private final InsertIfAbsent insertIfAbsent;

  ReceptionLedger(JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent) {
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
  }

  /** Stores a slot with its leaders and units, all or nothing. */
  @Transactional
  public long publish(LocalDate date, LocalTime start, LocalTime end, String place, String topics, List<String> leaders,
      List<String> units, String by) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    String kind = leaders.size() > 1 || !units.isEmpty() ? "JOINT" : "LEADER";
    jdbc.update(con -> {
      var ps = con.prepareStatement("INSERT INTO xf_reception_day (reception_date, start_time, end_time, place, topics, "
          + "kind, status, published_by, published_at) VALUES (?, ?, ?, ?, ?, ?, 'PUBLISHED', ?, ?)", new String[] {"id"});
      ps.setDate(1, Date.valueOf(date));
      ps.setTime(2, Time.valueOf(start));
      ps.setTime(3, Time.valueOf(end));
      ps.setString(4, place);
      ps.setString(5, topics);
      ps.setString(6, kind);
      ps.setString(7, by);
      ps.setTimestamp(8, Timestamp.from(PetitionLedger.now()));
      return ps;
    }, key);
    long id = key.getKey().longValue();
    for (int i = 0; i < leaders.size(); i++) {
      jdbc.update("INSERT INTO xf_reception_leader (reception_day_id, leader_id, position) VALUES (?, ?, ?)", id,
          leaders.get(i), i);
    }
    for (String unit : units) {
      jdbc.update("INSERT INTO xf_reception_unit (reception_day_id, unit) VALUES (?, ?)", id, unit);
    }
    return id;
  }

  /** Published slots of a leader on a day that overlap [start, end). */
  public List<Slot> overlapping(String leader, LocalDate date, LocalTime start, LocalTime end) {
    List<Long> ids = jdbc.queryForList("SELECT d.id FROM xf_reception_day d JOIN xf_reception_leader l "
        + "ON l.reception_day_id = d.id WHERE l.leader_id = ? AND d.reception_date = ? AND d.status = 'PUBLISHED' "
        + "AND d.start_time < ? AND d.end_time > ? ORDER BY d.start_time", Long.class, leader, Date.valueOf(date),
        Time.valueOf(end), Time.valueOf(start));
    return ids.stream().map(this::find).flatMap(Optional::stream).toList();
  }

  public Optional<Slot> find(long id) {
    return jdbc.query("SELECT * FROM xf_reception_day WHERE id = ?", this::slot, id).stream().findFirst();
  }

  /** Slots from one day to another, in order; a page of at most {@code limit}. */
  public List<Slot> between(LocalDate from, LocalDate to, boolean withCancelled, int limit, int offset) {
    return jdbc.query("SELECT * FROM xf_reception_day WHERE reception_date BETWEEN ? AND ?"
        + (withCancelled ? "" : " AND status = 'PUBLISHED'") + " ORDER BY reception_date, start_time, id LIMIT ? OFFSET ?",
        this::slot, Date.valueOf(from), Date.valueOf(to), limit, offset);
  }

  public boolean cancel(long id, String by) {
    return jdbc.update("UPDATE xf_reception_day SET status = 'CANCELLED', cancelled_by = ?, cancelled_at = ? "
        + "WHERE id = ? AND status = 'PUBLISHED'", by, Timestamp.from(PetitionLedger.now()), id) == 1;
  }

  /** The published slots running at a moment (Beijing time): the visit registered then is received there. */
  public List<Slot> runningAt(LocalDateTime beijing) {
    return jdbc.query("SELECT * FROM xf_reception_day WHERE reception_date = ? AND status = 'PUBLISHED' "
        + "AND start_time <= ? AND end_time > ? ORDER BY start_time, id", this::slot,
        Date.valueOf(beijing.toLocalDate()), Time.valueOf(beijing.toLocalTime().withNano(0)),
        Time.valueOf(beijing.toLocalTime().withNano(0)));
  }

  /** The leaders receiving visitors on a day (值班/接访领导), receiving leaders first. */
  public List<String> leadersOn(LocalDate date) {
    return jdbc.queryForList("SELECT l.leader_id FROM xf_reception_leader l JOIN xf_reception_day d "
        + "ON d.id = l.reception_day_id WHERE d.reception_date = ? AND d.status = 'PUBLISHED' "
        + "ORDER BY l.position, d.start_time, l.leader_id", String.class, Date.valueOf(date))
        .stream().distinct().toList();
  }

  /** @return true the first time the visit is recorded */
  public boolean recordVisit(String caseNumber, long slotId, String leader) {
    return insertIfAbsent.insert("case_number",
        new Object[] {caseNumber},
        "INSERT INTO xf_reception_visit (case_number, reception_day_id, leader_id, received_at) VALUES (?, ?, ?, ?)",
        caseNumber, slotId, leader, Timestamp.from(PetitionLedger.now()));
  }

  public int visitsOf(long slotId) {
    Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM xf_reception_visit WHERE reception_day_id = ?", Integer.class,
        slotId);
    return n == null ? 0 : n;
  }

  /**
   * A month per leader: visits received in the leader's slots, cases the leader came to own (包案, from
   * any rule) and ownerships the leader signed off (销号) in the month. Leaders with none of these are left out.
   */
  public List<LeaderMonth> month(YearMonth month) {
    // timestamps are stored as Timestamp.from(instant), so the month's bounds are written the same way
    Timestamp from = Timestamp.from(month.atDay(1).atStartOfDay(CHINA).toInstant());
    Timestamp to = Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay(CHINA).toInstant());
    Map<String, int[]> counts = new LinkedHashMap<>();
    count(counts, 0, "SELECT leader_id, COUNT(*) FROM xf_reception_visit WHERE received_at >= ? AND received_at < ? "
        + "GROUP BY leader_id", from, to);
    count(counts, 1, "SELECT owner_leader, COUNT(*) FROM xf_ownership WHERE started_at >= ? AND started_at < ? "
        + "GROUP BY owner_leader", from, to);
    count(counts, 2, "SELECT owner_leader, COUNT(*) FROM xf_ownership WHERE signed_off_at >= ? AND signed_off_at < ? "
        + "GROUP BY owner_leader", from, to);
    List<LeaderMonth> result = new ArrayList<>();
    counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> result.add(new LeaderMonth(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])));
    return result;
  }

  private void count(Map<String, int[]> counts, int column, String sql, Timestamp from, Timestamp to) {
    jdbc.query(sql, rs -> {
      counts.computeIfAbsent(rs.getString(1), k -> new int[3])[column] = rs.getInt(2);
    }, from, to);
  }

  private Slot slot(ResultSet rs, int i) throws SQLException {
    long id = rs.getLong("id");
    return new Slot(id, rs.getDate("reception_date").toLocalDate(), rs.getTime("start_time").toLocalTime(),
        rs.getTime("end_time").toLocalTime(), rs.getString("place"), rs.getString("topics"), rs.getString("kind"),
        rs.getString("status"),
        jdbc.queryForList("SELECT leader_id FROM xf_reception_leader WHERE reception_day_id = ? ORDER BY position",
            String.class, id),
        jdbc.queryForList("SELECT unit FROM xf_reception_unit WHERE reception_day_id = ? ORDER BY unit", String.class, id),
        rs.getString("published_by"), rs.getTimestamp("published_at").toInstant());
  }
}
