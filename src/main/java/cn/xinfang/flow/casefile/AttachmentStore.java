package cn.xinfang.flow.casefile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where attachments live, outside the engine's variables. One implementation today (a table with a
 * binary column, so that an attachment and its journal entry commit together and every node sees
 * it); a file store would implement the same four calls.
 */
interface AttachmentStore {

  record Attachment(long id, String caseNumber, String fileName, String mediaType, long size, String sha256,
      String uploadedBy, Instant uploadedAt) {}

  /** Stores the content (exactly {@code size} bytes) in the caller's transaction and returns what was stored. */
  Attachment store(String caseNumber, String fileName, String mediaType, long size, String sha256, InputStream content,
      String uploadedBy);

  List<Attachment> forCase(String caseNumber);

  Optional<Attachment> find(String caseNumber, long id);

  /** Copies the content to {@code out} without holding it in memory. */
  void copyContent(long id, OutputStream out) throws IOException;
}
