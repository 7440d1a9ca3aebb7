package cn.xinfang.flow.casefile;

import cn.xinfang.flow.petition.PetitionLedger;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Attachments in {@code xf_attachment} (BYTEA on PostgreSQL and H2), streamed in and out. */
@Repository
class JdbcAttachmentStore implements AttachmentStore {

  private static final String COLUMNS =
      "id, case_number, file_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at";

  private final JdbcTemplate jdbc;

  JdbcAttachmentStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Attachment store(String caseNumber, String fileName, String mediaType, long size, String sha256,
      InputStream content, String uploadedBy) {
    Instant now = PetitionLedger.now();
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement s = connection.prepareStatement("INSERT INTO xf_attachment (case_number, file_name, media_type, "
          + "size_bytes, sha256, content, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      s.setString(1, caseNumber);
      s.setString(2, fileName);
      s.setString(3, mediaType);
      s.setLong(4, size);
      s.setString(5, sha256);
      s.setBinaryStream(6, content, size);
      s.setString(7, uploadedBy);
      s.setTimestamp(8, Timestamp.from(now));
      return s;
    }, key);
    long id = key.getKey().longValue();
    return new Attachment(id, caseNumber, fileName, mediaType, size, sha256, uploadedBy, now);
  }

  @Override
  public List<Attachment> forCase(String caseNumber) {
    return jdbc.query("SELECT " + COLUMNS + " FROM xf_attachment WHERE case_number = ? ORDER BY uploaded_at, id",
        JdbcAttachmentStore::map, caseNumber);
  }

  @Override
  public Optional<Attachment> find(String caseNumber, long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM xf_attachment WHERE case_number = ? AND id = ?",
        JdbcAttachmentStore::map, caseNumber, id).stream().findFirst();
  }

  @Override
  public void copyContent(long id, OutputStream out) throws IOException {
    try {
      jdbc.query("SELECT content FROM xf_attachment WHERE id = ?", (ResultSet rs) -> {
        if (rs.next()) {
          try (InputStream in = rs.getBinaryStream(1)) {
            in.transferTo(out);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return null;
      }, id);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static Attachment map(ResultSet rs, int row) throws SQLException {
    return new Attachment(rs.getLong("id"), rs.getString("case_number"), rs.getString("file_name"),
        rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("uploaded_by"),
        rs.getTimestamp("uploaded_at").toInstant());
  }
}
